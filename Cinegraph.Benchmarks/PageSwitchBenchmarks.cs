using BenchmarkDotNet.Attributes;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Benchmarks;

/// <summary>
/// Switching decade or profile in an open circuit of the predictions page, server side, from a warm L1 (goal
/// &lt; 10 ms): the real services of a host wired as the app, the real bundle in SQLite, Balanced and Award Winner
/// refreshed in the setup. Each invocation switches to the other decade (2020s ↔ 2010s) or the other profile
/// (Balanced ↔ Award Winner) through the page's own read model, <see cref="PredictionsPageQuery"/>: "predictions
/// only" is the read with <see cref="PageParts.Predictions"/>, "full switch" is the read the page makes
/// (<see cref="PageParts.All"/>: profile by slug, demo flag, predictions, validation, comparison, latest job). The
/// render diff sent down the circuit is not included.
/// </summary>
[MemoryDiagnoser]
public class PageSwitchBenchmarks
{
    private const int PageSize = 100;
    private static readonly int[] Decades = [2020, 2010];
    private static readonly string[] Slugs = ["balanced", "award-winner"];

    private BenchmarkCatalogue? _catalogue;
    private PredictionsPageQuery? _query;
    private int _switch;

    [GlobalSetup]
    public void RefreshTwoProfiles()
    {
        _catalogue = BenchmarkCatalogue.Create(withWorker: false);
        var services = _catalogue.Services;
        _query = services.GetRequiredService<PredictionsPageQuery>();
        var profiles = services.GetRequiredService<ProfileService>();
        var refresh = services.GetRequiredService<RefreshManager>();
        var handler = services.GetRequiredService<IRefreshJobHandler>();
        foreach (var slug in Slugs)
        {
            var profile = profiles.FindBySlugAsync(slug).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException($"No profile {slug}.");
            // The job row exists (as in the app, for the page's "latest job"); the handler runs it in place of the worker.
            var job = refresh.EnqueueAsync(profile.Id).GetAwaiter().GetResult().Job;
            handler.ExecuteAsync(job, new NoProgress(), CancellationToken.None).GetAwaiter().GetResult();
        }

        // Warm L1 and the catalogue state for every page the benchmarks switch between.
        foreach (var slug in Slugs)
        {
            foreach (var decade in Decades)
            {
                if (!Read(decade, slug, PageParts.All).GetAwaiter().GetResult())
                {
                    throw new InvalidOperationException($"The {decade}s of {slug} are not cached.");
                }
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _catalogue?.Dispose();

    [Benchmark(Description = "Predictions only: switch decade (2020s <-> 2010s, Balanced)")]
    public Task<bool> SwitchDecade() => Read(Decades[_switch++ & 1], Slugs[0], PageParts.Predictions);

    [Benchmark(Description = "Predictions only: switch profile (Balanced <-> Award Winner, 2020s)")]
    public Task<bool> SwitchProfile() => Read(Decades[0], Slugs[_switch++ & 1], PageParts.Predictions);

    [Benchmark(Description = "Full switch (the page's read): switch decade")]
    public Task<bool> FullSwitchDecade() => Read(Decades[_switch++ & 1], Slugs[0], PageParts.All);

    [Benchmark(Description = "Full switch (the page's read): switch profile")]
    public Task<bool> FullSwitchProfile() => Read(Decades[0], Slugs[_switch++ & 1], PageParts.All);

    /// <summary>The read PredictionsPage.OnParametersSetAsync makes when the decade or the profile changes; true when the predictions are cached.</summary>
    private async Task<bool> Read(int decade, string slug, PageParts parts) =>
        await _query!.ReadAsync(decade, slug, PageSize, parts) is PageRead.Ready { Page.Predictions.IsReady: true };

    private sealed class NoProgress : IJobProgress
    {
        public Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
