using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Benchmarks;

/// <summary>
/// Scoring the real bundle: the snapshot load from SQLite (goal &lt; 500 ms), one decade for one profile from a loaded
/// snapshot (goal &lt; 50 ms), and everything a full refresh of all five profiles computes (goal &lt; 3 s).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private string _folder = "";
    private FeatureSnapshotLoader? _loader;
    private FeatureSnapshot? _snapshot;
    private MoviePredictor? _warmPredictor;
    private readonly ScoringProfile _balanced = ScoringProfile.From(SystemProfiles.Create()[0]);

    [GlobalSetup]
    public void ImportBundle()
    {
        _folder = Directory.CreateTempSubdirectory("cinegraph-scoring-bench-").FullName;
        var factory = new CinegraphDbContextFactory(DatabaseProvider.Sqlite, CinegraphDbContextFactory.SqliteFile(Path.Combine(_folder, "cinegraph.db")));
        new DatabaseInitializer(factory).MigrateAsync().GetAwaiter().GetResult();
        new CatalogImporter(factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance)
            .ImportBundleAsync(BenchmarkPaths.BundleFolder()).GetAwaiter().GetResult();
        _loader = new FeatureSnapshotLoader(factory);
        _snapshot = _loader.LoadAsync().GetAwaiter().GetResult();
        _warmPredictor = new MoviePredictor(_snapshot);
        _warmPredictor.PredictDecade(2020, _balanced);
    }

    [GlobalCleanup]
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "Load feature snapshot (full bundle, SQLite)")]
    public Task<FeatureSnapshot> LoadSnapshot() => _loader!.LoadAsync();

    [Benchmark(Description = "Score 2020s, Balanced (warm predictor)")]
    public int ScoreDecadeWarm() => _warmPredictor!.PredictDecade(2020, _balanced).Entries.Count;

    [Benchmark(Description = "Score 2020s, Balanced (new predictor: categories + likelihood fit + ranking)")]
    public int ScoreDecadeCold() => new MoviePredictor(_snapshot!).PredictDecade(2020, _balanced).Entries.Count;

    [Benchmark(Description = "5 profiles x (11 decades + validation + backtest) + comparison")]
    public int EverythingForAllProfiles()
    {
        var predictor = new MoviePredictor(_snapshot!);
        var validator = new HistoricalValidator(predictor);
        var profiles = SystemProfiles.Create();
        var rows = 0;
        foreach (var profile in profiles.Where(p => p.Kind == ProfileKinds.Weights).Select(p => ScoringProfile.From(p)))
        {
            foreach (var decade in MoviePredictor.Decades)
            {
                rows += predictor.PredictDecade(decade, profile).Entries.Count;
            }

            rows += validator.Validate(profile).Decades.Count;
            rows += validator.BacktestEditions(profile, 2018).Added;
        }

        return rows + ProfileComparison.Compare(validator, [.. profiles.Select(p => (ScoringProfile.From(p), p.Description))]).Profiles.Count;
    }
}

/// <summary>
/// Scoring one decade of a generated catalogue of 10k, 100k and 1M films (goal at 1M: &lt; 5 s, &lt; 2 GB), from a
/// snapshot built in memory; each operation builds a new predictor, so the per-film categories and the likelihood fit
/// are in the figure.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ScoringScaleBenchmarks
{
    private FeatureSnapshot? _snapshot;
    private readonly ScoringProfile _balanced = ScoringProfile.From(SystemProfiles.Create()[0]);

    [Params(10_000, 100_000, 1_000_000)]
    public int Films { get; set; }

    [GlobalSetup]
    public void Generate() => _snapshot = FeatureSnapshotLoader.FromBundle(DemoCatalogue.Generate(Films));

    [Benchmark(Description = "Score the 2010s, Balanced (new predictor)")]
    public int ScoreDecade() => new MoviePredictor(_snapshot!).PredictDecade(2010, _balanced).Entries.Count;
}
