using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Tests.Caching;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Catalog;

public abstract class FilmFactsTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    [Fact]
    public async Task ListsAFilmsAwardsWinsFirstAndItsListPlaces()
    {
        var ct = TestContext.Current.CancellationToken;
        var bundle = DemoCatalogue.Generate(400);
        await CacheTestHost.ImportDemoAsync(Factory, films: 400);
        var imdbId = bundle.Awards.GroupBy(a => a.ImdbId).Where(g => g.Any(a => a.Won) && g.Any(a => !a.Won)).Select(g => g.Key).First();
        await using var db = await Factory.CreateDbContextAsync(ct);
        var movieId = await db.Movies.Where(m => m.ImdbId == imdbId).Select(m => m.Id).SingleAsync(ct);
        var importer = new CatalogImporter(Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance);
        var catalog = new CatalogService(Factory, importer, Options.Create(new DataOptions()), NullLogger<CatalogService>.Instance);

        var facts = await catalog.GetFilmFactsAsync(movieId, ct);

        facts.Awards.Should().HaveCount(bundle.Awards.Count(a => a.ImdbId == imdbId));
        facts.Awards.Select(a => a.Won).Should().BeInDescendingOrder();
        facts.Lists.Should().HaveCount(bundle.Memberships.Count(m => m.ImdbId == imdbId));
    }
}

public sealed class FilmFactsTestsOnSqlite() : FilmFactsTests(DatabaseProvider.Sqlite);

public sealed class FilmFactsTestsOnPostgres() : FilmFactsTests(DatabaseProvider.Postgres);
