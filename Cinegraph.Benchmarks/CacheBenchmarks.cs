using BenchmarkDotNet.Attributes;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Benchmarks;

/// <summary>
/// The read path on the real bundle in SQLite, Balanced refreshed once in the setup: an L1 hit (goal &lt; 5 µs), an L1
/// miss that reads and deserializes a 1000-entry row (goal &lt; 5 ms), and, for the ratio (goal &gt; 100×), the same page
/// of 100 predictions scored live from the database as the original did.
/// </summary>
[MemoryDiagnoser]
public class CacheBenchmarks
{
    private const int Balanced = 1;
    private BenchmarkCatalogue? _catalogue;
    private PredictionsCache? _cache;
    private FeatureSnapshotLoader? _loader;
    private ScoringProfile? _profile;

    [GlobalSetup]
    public void RefreshBalanced()
    {
        _catalogue = BenchmarkCatalogue.Create(withWorker: false);
        var services = _catalogue.Services;
        _cache = services.GetRequiredService<PredictionsCache>();
        _loader = services.GetRequiredService<FeatureSnapshotLoader>();
        _profile = ScoringProfile.From(SystemProfiles.Create()[0]);
        var job = new RefreshJob
        {
            Id = 1,
            Kind = JobKinds.RefreshProfile,
            ProfileId = Balanced,
            Decades = MoviePredictor.Decades,
            UniqueKey = "bench",
            State = JobStates.Executing,
        };
        services.GetRequiredService<IRefreshJobHandler>().ExecuteAsync(job, new NoProgress(), CancellationToken.None).GetAwaiter().GetResult();
        _cache.GetPredictionsAsync(2020, Balanced, 100).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _catalogue?.Dispose();

    [Benchmark(Description = "L1 hit: 2020s, top 100")]
    public async Task<bool> L1Hit() => (await _cache!.GetPredictionsAsync(2020, Balanced, 100)).IsReady;

    [Benchmark(Description = "L1 miss: 2010s row of 1000 entries (SELECT + deserialize)")]
    public async Task<bool> L1MissFullRow()
    {
        await _cache!.RowWrittenAsync(CacheKeys.Predictions(2010, Balanced), DateTimeOffset.MinValue);
        return (await _cache.GetPredictionsAsync(2010, Balanced, 1000)).IsReady;
    }

    [Benchmark(Description = "Live scoring: load snapshot + score the 2020s, top 100")]
    public async Task<int> LiveScoring()
    {
        var snapshot = await _loader!.LoadAsync();
        return new MoviePredictor(snapshot).PredictDecade(2020, _profile!, 100).Entries.Count;
    }

    private sealed class NoProgress : IJobProgress
    {
        public Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
