using Cinegraph.Core;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cinegraph.Benchmarks;

/// <summary>
/// A temp SQLite file with the real bundle imported, and a host wired as the app wires Core (optionally with the
/// refresh worker), for the cache and refresh benchmarks.
/// </summary>
internal sealed class BenchmarkCatalogue : IDisposable
{
    private readonly string _folder;

    private BenchmarkCatalogue(string folder, IHost host)
    {
        _folder = folder;
        Host = host;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public static BenchmarkCatalogue Create(bool withWorker) => Create(withWorker, BenchmarkPaths.BundleFolder());

    /// <summary>The same over the bundle in <paramref name="bundleFolder"/> (e.g. a <see cref="Load.ScaledBundle"/>).</summary>
    public static BenchmarkCatalogue Create(bool withWorker, string bundleFolder)
    {
        var folder = Directory.CreateTempSubdirectory("cinegraph-cache-bench-").FullName;
        // The temp folder as content root: no appsettings.json (the app's comes along with the Web reference) is read.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["ConnectionStrings:Cinegraph"] = CinegraphDbContextFactory.SqliteFile(Path.Combine(folder, "cinegraph.db")),
        });
        builder.AddCinegraphCore();
        if (withWorker)
        {
            builder.Services.AddRefreshWorker();
        }

        var host = builder.Build();
        host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
        host.Services.GetRequiredService<CatalogImporter>().ImportBundleAsync(bundleFolder).GetAwaiter().GetResult();
        host.StartAsync().GetAwaiter().GetResult();
        return new BenchmarkCatalogue(folder, host);
    }

    public void Dispose()
    {
        Host.StopAsync().GetAwaiter().GetResult();
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
