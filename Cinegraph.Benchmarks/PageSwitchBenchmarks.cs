using BenchmarkDotNet.Attributes;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Benchmarks;

/// <summary>
/// Switching decade or profile in an open circuit of the predictions page, server side, from a warm L1 (goal
/// &lt; 10 ms): the real services of a host wired as the app, the real bundle in SQLite, Balanced and Award Winner
/// refreshed in the setup. Each invocation switches to the other decade (2020s ↔ 2010s) or the other profile
/// (Balanced ↔ Award Winner). "Resolve + read" is the profile by slug, then the top 100 from the cache; "full switch"
/// is everything the page's OnParametersSetAsync awaits on a switch: the Core calls that Web's PredictionsViewService
/// makes (it is a thin wrapper over them; referencing Cinegraph.Web from here would copy the app's appsettings.json
/// into the benchmark's output and turn on Information logging). The render diff sent down the circuit is not included.
/// </summary>
[MemoryDiagnoser]
public class PageSwitchBenchmarks
{
    private const int PageSize = 100;
    private static readonly int[] Decades = [2020, 2010];
    private static readonly string[] Slugs = ["balanced", "award-winner"];

    private BenchmarkCatalogue? _catalogue;
    private ProfileService? _profiles;
    private PredictionsCache? _cache;
    private CatalogService? _catalog;
    private RefreshManager? _refresh;
    private int _switch;

    [GlobalSetup]
    public void RefreshTwoProfiles()
    {
        _catalogue = BenchmarkCatalogue.Create(withWorker: false);
        var services = _catalogue.Services;
        _profiles = services.GetRequiredService<ProfileService>();
        _cache = services.GetRequiredService<PredictionsCache>();
        _catalog = services.GetRequiredService<CatalogService>();
        _refresh = services.GetRequiredService<RefreshManager>();
        var handler = services.GetRequiredService<IRefreshJobHandler>();
        foreach (var slug in Slugs)
        {
            var profile = _profiles.FindBySlugAsync(slug).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException($"No profile {slug}.");
            // The job row exists (as in the app, for the page's "latest job" read); the handler runs it in place of
            // the worker.
            var job = _refresh.EnqueueAsync(profile.Id).GetAwaiter().GetResult().Job;
            handler.ExecuteAsync(job, new NoProgress(), CancellationToken.None).GetAwaiter().GetResult();
        }

        // Warm L1 for every page the benchmarks switch between.
        foreach (var slug in Slugs)
        {
            foreach (var decade in Decades)
            {
                if (!FullSwitch(decade, slug).GetAwaiter().GetResult())
                {
                    throw new InvalidOperationException($"The {decade}s of {slug} are not cached.");
                }
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _catalogue?.Dispose();

    [Benchmark(Description = "Resolve + read: switch decade (2020s <-> 2010s, Balanced)")]
    public Task<bool> SwitchDecade() => ResolveAndRead(Decades[_switch++ & 1], Slugs[0]);

    [Benchmark(Description = "Resolve + read: switch profile (Balanced <-> Award Winner, 2020s)")]
    public Task<bool> SwitchProfile() => ResolveAndRead(Decades[0], Slugs[_switch++ & 1]);

    [Benchmark(Description = "Full switch (the page's reads): switch decade")]
    public Task<bool> FullSwitchDecade() => FullSwitch(Decades[_switch++ & 1], Slugs[0]);

    [Benchmark(Description = "Full switch (the page's reads): switch profile")]
    public Task<bool> FullSwitchProfile() => FullSwitch(Decades[0], Slugs[_switch++ & 1]);

    private async Task<bool> ResolveAndRead(int decade, string slug)
    {
        var profile = await _profiles!.FindBySlugAsync(slug);
        return (await _cache!.GetPredictionsAsync(decade, profile!.Id, PageSize)).IsReady;
    }

    /// <summary>
    /// What PredictionsPage.OnParametersSetAsync awaits when the decade or the profile changes, as PredictionsViewService
    /// does it: resolve the profile, is the catalogue the demo, predictions (limit 100), validation, comparison, the
    /// profile's latest job.
    /// </summary>
    private async Task<bool> FullSwitch(int decade, string slug)
    {
        var profile = await _profiles!.FindBySlugAsync(slug);
        var imports = await _catalog!.GetImportHistoryAsync(1);
        _ = imports.Count > 0 && imports[0].IsDemo;
        var predictions = await _cache!.GetPredictionsAsync(decade, profile!.Id, PageSize);
        _ = await _cache.GetValidationAsync(profile.Id);
        _ = await _cache.GetComparisonAsync();
        var latest = await _refresh!.GetLatestJobPerProfileAsync();
        _ = latest.TryGetValue(profile.Id, out var job) ? CacheStatusReader.Summarize(job) : null;
        return predictions.IsReady;
    }

    private sealed class NoProgress : IJobProgress
    {
        public Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
