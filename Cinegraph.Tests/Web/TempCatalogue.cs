using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Web;

/// <summary>A migrated SQLite catalogue in a temp folder of its own, deleted on dispose. One per test.</summary>
internal sealed class TempCatalogue : IAsyncDisposable
{
    private TempCatalogue(DirectoryInfo folder)
    {
        Folder = folder;
        ConnectionString = CinegraphDbContextFactory.SqliteFile(Path.Combine(folder.FullName, "cinegraph.db"));
        DbFactory = new CinegraphDbContextFactory(DatabaseProvider.Sqlite, ConnectionString);
        Importer = new CatalogImporter(DbFactory, TimeProvider.System, NullLogger<CatalogImporter>.Instance);
        Service = new CatalogService(DbFactory, Importer, Options.Create(new DataOptions()), NullLogger<CatalogService>.Instance);
    }

    public DirectoryInfo Folder { get; }

    public string ConnectionString { get; }

    public CinegraphDbContextFactory DbFactory { get; }

    public CatalogImporter Importer { get; }

    public CatalogService Service { get; }

    public static async Task<TempCatalogue> CreateAsync(CancellationToken cancellationToken)
    {
        var catalogue = new TempCatalogue(Directory.CreateTempSubdirectory("cinegraph-web-test-"));
        await new DatabaseInitializer(catalogue.DbFactory).MigrateAsync(cancellationToken);
        return catalogue;
    }

    /// <summary>Imports <see cref="TinyBundle"/>, as a bundle or as the demo catalogue.</summary>
    public Task<ImportResult> ImportTinyBundleAsync(bool isDemo, CancellationToken cancellationToken) =>
        Importer.ImportAsync(TinyBundle(), isDemo ? DemoCatalogue.Source : "/bundles/tiny", isDemo, cancellationToken: cancellationToken);

    /// <summary>Three films (1939–1994), two award rows, two lists, three memberships, one Oscar credit.</summary>
    public static BundleData TinyBundle() => new(
        [
            new BundleMovie("tt0031381", "Gone with the Wind", 1939, 238, ["Drama", "Romance"], ["US"], "en", 8.2, 330_000, 900),
            new BundleMovie("tt0047478", "Seven Samurai", 1954, 207, ["Action", "Drama"], ["JP"], "ja", 8.6, 380_000, 250),
            new BundleMovie("tt0110912", "Pulp Fiction", 1994, 154, ["Crime"], ["US"], "en", 8.9, 2_200_000, 10),
        ],
        [
            new BundleAward("tt0031381", "oscars", 1940, "Academy Award", "BEST PICTURE", true),
            new BundleAward("tt0110912", "cannes", 1994, "Palme d'Or", "Palme d'Or", true),
        ],
        [
            new BundleList("1001_movies", "1001 Movies You Must See Before You Die", ListKinds.Target, null),
            new BundleList("sight_and_sound", "Sight and Sound", ListKinds.Canon, null),
        ],
        [
            new BundleMembership("1001_movies", "tt0031381", 2018, 1),
            new BundleMembership("1001_movies", "tt0047478", 2018, 2),
            new BundleMembership("sight_and_sound", "tt0047478", null, null),
        ],
        [
            new BundleCredit("tt0031381", "nm0260001", "A. Director", "Directing", "DIRECTING", 1940, true),
        ]);

    public async ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; let go of them before deleting the folder.
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a host that is shutting down: the temp folder is cleaned by the OS eventually.
        }
    }
}
