using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Caching;
using Cinegraph.Web.Components.Pages.Admin;
using Cinegraph.Web.Components.Pages.Predictions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>
/// The real Core services of the pages (cache read path and writer, the real calculation, refresh manager, profiles,
/// catalogue, in-process events) over a temp SQLite catalogue with the demo films. No worker runs: a test moves jobs
/// itself and publishes the events the worker would.
/// </summary>
internal sealed class PageTestHost : IAsyncDisposable
{
    public const int BalancedId = 1;

    /// <summary>The seeded learned profile, the default.</summary>
    public const int LearnedId = 6;

    private PageTestHost(TempCatalogue catalogue)
    {
        Catalogue = catalogue;
        Cache = new CacheTestHost(catalogue.DbFactory);
        var jobOptions = Options.Create(new JobOptions());
        Refresh = new RefreshManager(
            catalogue.DbFactory, new RefreshQueue(jobOptions), new RunningJobs(), Cache.Events, TimeProvider.System, jobOptions, NullLogger<RefreshManager>.Instance);
        Status = new CacheStatusReader(catalogue.DbFactory, Cache.Verdicts, TimeProvider.System, Options.Create(new CacheOptions()));
    }

    public TempCatalogue Catalogue { get; }

    public CacheTestHost Cache { get; }

    public RefreshManager Refresh { get; }

    public CacheStatusReader Status { get; }

    public IDbContextFactory<CinegraphDbContext> Factory => Catalogue.DbFactory;

    public InProcessPredictionEvents Events => Cache.Events;

    public static async Task<PageTestHost> CreateAsync(bool demo = true, int films = 300)
    {
        var catalogue = await TempCatalogue.CreateAsync(TestContext.Current.CancellationToken);
        if (films > 0)
        {
            await CacheTestHost.ImportDemoAsync(catalogue.DbFactory, films);
            if (!demo)
            {
                // Mark the import as a bundle: the page reads the demo flag from the newest import.
                await using var db = catalogue.DbFactory.CreateDbContext();
                await db.DataImports.ExecuteUpdateAsync(s => s.SetProperty(i => i.IsDemo, false), TestContext.Current.CancellationToken);
            }
        }

        return new PageTestHost(catalogue);
    }

    public void Register(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Catalogue.Service);
        services.AddSingleton(Cache.Profiles);
        services.AddSingleton(Cache.Cache);
        services.AddSingleton(Cache.Writer);
        services.AddSingleton(Refresh);
        services.AddSingleton(Status);
        services.AddSingleton<IPredictionEvents>(Events);
        services.AddMetrics();
        services.AddSingleton(Cache.State);
        services.AddSingleton<PredictionsPageQuery>();
        services.AddSingleton<PrerenderedPages>();
        services.AddSingleton<PageCommands>();
        services.AddSingleton(new FilmFactsQuery(Catalogue.Service, Cache.State, Cache.Fusion, Options.Create(new CacheOptions())));
        services.AddScoped<PredictionsViewService>();
        services.AddScoped<AdminCacheViewService>();
        services.AddSingleton(Options.Create(new RefreshScheduleOptions()));
        services.AddSingleton(new JobEstimates(Factory, Events, TimeProvider.System));
        services.AddSingleton(new JobQueries(Factory));
        services.AddSingleton(new JobBulkActions(Refresh));
        services.AddScoped<Cinegraph.Web.Components.Pages.Jobs.JobsViewService>();
    }

    /// <summary>Runs the real calculation for a profile, as a job would (publishing DecadeCached as it writes).</summary>
    public Task ComputeAsync(int profileId = BalancedId, IReadOnlyList<int>? decades = null, bool includeValidation = false) =>
        Cache.RefreshAsync(profileId, decades, includeValidation);

    /// <summary>Changes a job row as the worker would.</summary>
    public async Task UpdateJobAsync(long jobId, Action<RefreshJob> change)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Factory.CreateDbContextAsync(ct);
        var job = await db.RefreshJobs.SingleAsync(j => j.Id == jobId, ct);
        change(job);
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<RefreshJob>> JobsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Factory.CreateDbContextAsync(ct);
        return await db.RefreshJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync(ct);
    }

    public static CategoryWeights Weights(double popular, double industry, double cultural, double people) => new(popular, industry, cultural, people);

    public async ValueTask DisposeAsync()
    {
        Cache.Dispose();
        await Catalogue.DisposeAsync();
    }
}
