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
    private readonly CountingCommandInterceptor _commands = new();

    protected override void ConfigureContext(DbContextOptionsBuilder builder) => builder.AddInterceptors(_commands);

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

    [Fact]
    public async Task GivesAFilmsRuntimeGenresAndCountriesAndHoldsThemInMemoryUntilTheDataChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        var bundle = DemoCatalogue.Generate(300);
        await CacheTestHost.ImportDemoAsync(Factory, films: 300);
        var film = bundle.Movies.First(m => m.RuntimeMinutes is not null && m.Genres.Count > 0 && m.Countries.Count > 0);
        int movieId;
        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            movieId = await db.Movies.Where(m => m.ImdbId == film.ImdbId).Select(m => m.Id).SingleAsync(ct);
        }

        var commands = _commands;
        using var host = new CacheTestHost(Factory);
        var importer = new CatalogImporter(Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance);
        var catalog = new CatalogService(Factory, importer, Options.Create(new DataOptions()), NullLogger<CatalogService>.Instance);
        var query = new Cinegraph.Core.Predictions.FilmFactsQuery(catalog, host.State, host.Fusion, Options.Create(new Cinegraph.Core.Caching.CacheOptions()));
        await host.State.GetAsync(ct);

        commands.Reset();
        var first = await query.GetAsync(movieId, ct);
        var cold = commands.Count;
        commands.Reset();
        var again = await query.GetAsync(movieId, ct);

        first.RuntimeMinutes.Should().Be(film.RuntimeMinutes);
        first.Genres.Should().Equal(film.Genres);
        first.Countries.Should().Equal(film.Countries);
        cold.Should().Be(3, "the film, its awards and its list places");
        commands.Count.Should().Be(0, "a film opened before is held in memory");
        again.Should().BeSameAs(first);
    }
}

public sealed class FilmFactsTestsOnSqlite() : FilmFactsTests(DatabaseProvider.Sqlite);

public sealed class FilmFactsTestsOnPostgres() : FilmFactsTests(DatabaseProvider.Postgres);
