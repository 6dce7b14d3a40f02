using Cinegraph.Core.Catalog;
using Cinegraph.Core.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

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

    private PredictionsApp(TempCatalogue catalogue)
    {
        _catalogue = catalogue;
    }

    /// <summary>Completed by the job when it reached <see cref="PauseAfterStep"/>; the test then completes <see cref="Release"/>.</summary>
    public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<PredictionsApp> CreateAsync(int films, CancellationToken cancellationToken)
    {
        var catalogue = await TempCatalogue.CreateAsync(cancellationToken);
        await catalogue.Importer.ImportAsync(DemoCatalogue.Generate(films), DemoCatalogue.Source, isDemo: true, cancellationToken: cancellationToken);
        return new PredictionsApp(catalogue);
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
        });
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
