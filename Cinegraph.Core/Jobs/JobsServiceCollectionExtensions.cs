using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Cinegraph.Core.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the refresh queue's options (section <c>Jobs</c>, validated at start), channel, manager, rescuer,
    /// pruner and metrics (the metrics need the host's <c>IMeterFactory</c>: <c>services.AddMetrics()</c>). The worker
    /// that runs the jobs is added by hosts with <see cref="AddRefreshWorker"/>; it needs an <see cref="IRefreshJobHandler"/>.
    /// </summary>
    public static IServiceCollection AddRefreshJobs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<JobOptions>()
            .BindConfiguration(JobOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.RescueAfter >= 3 * o.HeartbeatInterval, "Jobs:RescueAfter must be at least three heartbeat intervals, or live jobs get rescued.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RefreshQueue>();
        services.TryAddSingleton<RunningJobs>();
        services.TryAddSingleton<RefreshManager>();
        services.TryAddSingleton<JobLedger>();
        services.TryAddSingleton<MaintenanceLease>();
        services.TryAddSingleton<JobMetrics>();
        services.TryAddSingleton<JobRescuer>();
        services.TryAddSingleton<JobPruner>();
        services.TryAddSingleton<JobQueries>();
        services.TryAddSingleton<JobEstimates>();
        services.TryAddSingleton<JobBulkActions>();
        return services;
    }

    /// <summary>
    /// Adds the <see cref="StaleRefreshScheduler"/> (section <c>RefreshSchedule</c>, validated at start; off unless
    /// enabled). It needs the cache status reader and the refresh manager.
    /// </summary>
    public static IServiceCollection AddStaleRefreshSchedule(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RefreshScheduleOptions>()
            .BindConfiguration(RefreshScheduleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<StaleRefreshScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StaleRefreshScheduler>(sp => sp.GetRequiredService<StaleRefreshScheduler>()));
        return services;
    }

    /// <summary>Adds the <see cref="RefreshWorker"/> hosted service (and <see cref="AddRefreshJobs"/>) to a host.</summary>
    public static IServiceCollection AddRefreshWorker(this IServiceCollection services)
    {
        services.AddRefreshJobs();
        services.TryAddSingleton<RefreshWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RefreshWorker>(sp => sp.GetRequiredService<RefreshWorker>()));
        return services;
    }
}
