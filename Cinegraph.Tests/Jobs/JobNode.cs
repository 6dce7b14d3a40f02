using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// One "node" of the refresh queue over a test database, wired by <c>AddRefreshWorker()</c> as a host would be: its
/// own channel, running-job registry, events and worker; the clock and the job body come from the test. The worker
/// runs only after <see cref="StartAsync"/>.
/// </summary>
internal sealed class JobNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<PredictionEvent> _events = [];
    private bool _started;
    private bool _stopped;

    public JobNode(
        IDbContextFactory<CinegraphDbContext> factory,
        TimeProvider time,
        TestJobHandler? handler = null,
        Action<JobOptions>? configure = null,
        string node = "node-a")
    {
        Handler = handler ?? new TestJobHandler();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(node)).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(factory);
        services.AddSingleton(time);
        services.AddSingleton<InProcessPredictionEvents>();

        // Recorded as published (in the publisher's order and flow), then handed to the subscribers' mailboxes.
        services.AddSingleton<IPredictionEvents>(sp => new RecordingEvents(sp.GetRequiredService<InProcessPredictionEvents>(), _events));
        services.AddSingleton<IRefreshJobHandler>(Handler);
        services.AddMetrics();
        services.AddRefreshWorker();
        services.Configure<JobOptions>(options =>
        {
            options.Node = node;
            options.HeartbeatInterval = TimeSpan.FromSeconds(1);
            options.RescueAfter = TimeSpan.FromSeconds(5);
            options.PollInterval = TimeSpan.FromSeconds(1);
            options.ShutdownGrace = TimeSpan.Zero;
            options.DatabaseRetryDelay = TimeSpan.FromMilliseconds(5);
            options.DatabaseRetryMaxDelay = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(options);
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public TestJobHandler Handler { get; }

    public IPredictionEvents Events => _services.GetRequiredService<IPredictionEvents>();

    public RefreshManager Manager => _services.GetRequiredService<RefreshManager>();

    public RefreshWorker Worker => _services.GetRequiredService<RefreshWorker>();

    public JobRescuer Rescuer => _services.GetRequiredService<JobRescuer>();

    public JobPruner Pruner => _services.GetRequiredService<JobPruner>();

    public JobLedger Ledger => _services.GetRequiredService<JobLedger>();

    public MaintenanceLease Lease => _services.GetRequiredService<MaintenanceLease>();

    public RefreshQueue Queue => _services.GetRequiredService<RefreshQueue>();

    public RunningJobs RunningJobs => _services.GetRequiredService<RunningJobs>();

    public JobOptions Options => _services.GetRequiredService<IOptions<JobOptions>>().Value;

    /// <summary>The events published on this node, in order.</summary>
    public IReadOnlyList<PredictionEvent> PublishedEvents
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public async Task StartAsync()
    {
        _started = true;
        await Worker.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Begins the worker's graceful stop; the task ends when the worker has stopped.</summary>
    public Task StopAsync()
    {
        _stopped = true;
        return Worker.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started && !_stopped)
        {
            await StopAsync();
        }

        await _services.DisposeAsync();
    }
}

/// <summary>Records every published event when it is published, then publishes it.</summary>
internal sealed class RecordingEvents(IPredictionEvents inner, List<PredictionEvent> published) : IPredictionEvents
{
    public int SubscriberCount => inner.SubscriberCount;

    public IDisposable Subscribe(Func<PredictionEvent, Task> handler) => inner.Subscribe(handler);

    public Task PublishAsync(PredictionEvent predictionEvent, CancellationToken cancellationToken = default)
    {
        lock (published)
        {
            published.Add(predictionEvent);
        }

        return inner.PublishAsync(predictionEvent, cancellationToken);
    }
}
