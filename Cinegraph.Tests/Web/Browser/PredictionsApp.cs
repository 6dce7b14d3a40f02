using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// The real app over its own temp SQLite catalogue filled with a generated demo catalogue, with a configured admin.
/// The refresh job is the real calculation; it only pauses after <see cref="PauseAfterStep"/> until the test
/// releases it, so a browser can see (and photograph) a job in flight without timing luck.
/// </summary>
internal sealed class PredictionsApp : WebApplicationFactory<Program>
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "browser-test-password-42";
    public const int PauseAfterStep = 3;

    private readonly TempCatalogue _catalogue;

    private PredictionsApp(TempCatalogue catalogue, bool countCommands)
    {
        _catalogue = catalogue;
        Commands = countCommands ? new CountingCommandInterceptor() : null;
    }

    /// <summary>
    /// When asked for, every SQL statement the app sends. The app then runs nothing on its own that would be counted
    /// with a view: the worker's poll waits an hour and the catalogue state's periodic check is not started.
    /// </summary>
    public CountingCommandInterceptor? Commands { get; }

    /// <summary>Completed by the job when it reached <see cref="PauseAfterStep"/>; the test then completes <see cref="Release"/>.</summary>
    public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<PredictionsApp> CreateAsync(int films, CancellationToken cancellationToken, bool countCommands = false)
    {
        var catalogue = await TempCatalogue.CreateAsync(cancellationToken);
        await catalogue.Importer.ImportAsync(DemoCatalogue.Generate(films), DemoCatalogue.Source, isDemo: true, cancellationToken: cancellationToken);
        return new PredictionsApp(catalogue, countCommands);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Cinegraph", _catalogue.ConnectionString);
        builder.UseSetting("Data:BundlePath", "");
        builder.UseSetting("Admin:UserName", AdminUserName);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IRefreshJobHandler>(sp => new PausingHandler(ActivatorUtilities.CreateInstance<RefreshCalculation>(sp), this));
            if (Commands is { } commands)
            {
                services.AddSingleton<IDbContextFactory<CinegraphDbContext>>(
                    new CinegraphDbContextFactory(DatabaseProvider.Sqlite, _catalogue.ConnectionString, b => b.AddInterceptors(commands)));
                foreach (var monitor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CatalogueStateMonitor)).ToList())
                {
                    services.Remove(monitor);
                }
            }
        });
        if (Commands is not null)
        {
            builder.UseSetting("Jobs:PollInterval", "01:00:00");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        Release.TrySetResult();
        await base.DisposeAsync();
        await _catalogue.DisposeAsync();
    }

    private sealed class PausingHandler(IRefreshJobHandler inner, PredictionsApp app) : IRefreshJobHandler
    {
        public Task ExecuteAsync(RefreshJob job, IJobProgress progress, CancellationToken cancellationToken) =>
            inner.ExecuteAsync(job, new PausingProgress(progress, app), cancellationToken);
    }

    private sealed class PausingProgress(IJobProgress inner, PredictionsApp app) : IJobProgress
    {
        public async Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken)
        {
            await inner.ReportAsync(done, total, note, cancellationToken);
            if (done == PauseAfterStep)
            {
                app.Paused.TrySetResult();
                await app.Release.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
