using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Benchmarks;

/// <summary>
/// Import of the full real bundle (read and checked, then written in one transaction) into a fresh, migrated SQLite
/// file. Goal: under 15 s. One operation takes seconds, so each iteration is one import.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private string _bundle = "";
    private string _folder = "";
    private CatalogImporter? _importer;

    [GlobalSetup]
    public void FindBundle() => _bundle = BenchmarkPaths.BundleFolder();

    [IterationSetup]
    public void CreateMigratedDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("cinegraph-import-bench-").FullName;
        var factory = new CinegraphDbContextFactory(DatabaseProvider.Sqlite, CinegraphDbContextFactory.SqliteFile(Path.Combine(_folder, "cinegraph.db")));
        new DatabaseInitializer(factory).MigrateAsync().GetAwaiter().GetResult();
        _importer = new CatalogImporter(factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance);
    }

    [Benchmark(Description = "Import full bundle into SQLite")]
    public async Task<int> ImportFullBundle()
    {
        var result = await _importer!.ImportBundleAsync(_bundle);
        return result.Changed ? result.Counts.Movies : throw new InvalidOperationException("The fresh database already had this bundle.");
    }

    [IterationCleanup]
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
