using System.Data.Common;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Tests.Catalog;

/// <summary>The importer on a real database: upsert by natural keys, data versions, and all-or-nothing failures.</summary>
public abstract class CatalogImporterTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportsASmallBundle()
    {
        using var bundle = new SmallBundle();

        var result = await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        result.Changed.Should().BeTrue();
        result.DataVersion.Should().Be(1);
        result.Counts.Should().Be(new ImportCounts(SmallBundle.Movies, SmallBundle.Awards, SmallBundle.Lists, SmallBundle.Memberships, SmallBundle.Credits));
        var state = await CatalogState.CaptureAsync(Factory);
        state.Should().BeEquivalentTo(new { DataVersion = 1, Movies = 4, Awards = 4, Lists = 3, Memberships = 4, Credits = 2, Imports = 1 });

        await using var db = await Factory.CreateDbContextAsync(Ct);
        var alpha = await db.Movies.SingleAsync(m => m.ImdbId == "tt0000001", Ct);
        alpha.Title.Should().Be("Alpha, the First");
        alpha.Year.Should().Be(1950);
        alpha.RuntimeMinutes.Should().Be(90);
        alpha.Genres.Should().Equal("Drama", "Romance");
        alpha.Countries.Should().Equal("FR");
        alpha.OriginalLanguage.Should().Be("fr");
        alpha.ImdbRating.Should().Be(7.5);
        alpha.ImdbVotes.Should().Be(12000);
        alpha.LetterboxdPopularityRank.Should().Be(10);

        var gamma = await db.Movies.SingleAsync(m => m.ImdbId == "tt0000003", Ct);
        gamma.Genres.Should().BeEmpty();
        gamma.ImdbRating.Should().BeNull();
        gamma.ImdbVotes.Should().BeNull();
        gamma.LetterboxdPopularityRank.Should().BeNull();
        (await db.Movies.SingleAsync(m => m.ImdbId == "tt0000004", Ct)).Title.Should().Be("Delta \"Quoted\"");

        var oscar = await db.AwardNominations.SingleAsync(a => a.Event == "oscars", Ct);
        oscar.Should().BeEquivalentTo(new { MovieId = alpha.Id, EventYear = 1951, Award = "Academy Award", Category = "Best Picture", Won = true });
        (await db.AwardNominations.SingleAsync(a => a.Event == "bafta", Ct)).Won.Should().BeFalse(because: "an empty won field means not won");

        var target = await db.CanonicalLists.SingleAsync(l => l.Key == CanonicalList.TargetKey, Ct);
        target.Kind.Should().Be(ListKinds.Target);
        (await db.CanonicalLists.SingleAsync(l => l.Key == "afi_100_2007", Ct)).Description.Should().Be("America's best, by the AFI");
        var editions = await db.ListMemberships.Where(m => m.ListId == target.Id).OrderBy(m => m.Edition).ToListAsync(Ct);
        editions.Select(m => (m.MovieId, m.Edition, m.Rank)).Should().Equal((alpha.Id, 2018, 1), (alpha.Id, 2024, (int?)null));

        var credits = await db.OscarCredits.OrderBy(c => c.PersonId).ToListAsync(Ct);
        credits.Select(c => (c.PersonId, c.PersonName, c.Won)).Should().Equal(("nm0000001", "Ann Director", true), ("nm0000002", (string?)null, false));

        var import = await db.DataImports.SingleAsync(Ct);
        import.Source.Should().Be(Path.GetFullPath(bundle.Folder));
        import.IsDemo.Should().BeFalse();
        import.Movies.Should().Be(4);
    }

    [Fact]
    public async Task ImportingTheSameBundleTwiceLeavesTheSameRowsAndDataVersion()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        var first = await CatalogState.CaptureAsync(Factory, withIds: true);

        var again = await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        again.Changed.Should().BeFalse();
        again.DataVersion.Should().Be(1);
        (await CatalogState.CaptureAsync(Factory, withIds: true)).Should().BeEquivalentTo(first, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task AChangedBundleBumpsTheDataVersionAndUpdatesAndRemovesRows()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        await using var db0 = await Factory.CreateDbContextAsync(Ct);
        var alphaId = (await db0.Movies.SingleAsync(m => m.ImdbId == "tt0000001", Ct)).Id;

        // Beta retitled and re-rated; Delta and its rows gone with the AFI list; a new film with an award; a credit now won.
        bundle.Set(BundleReader.MoviesFile, 3, "tt0000002,Beta Revised,1961,95,Comedy|Drama,IT,it,6.3,900,44")
            .RemoveLine(BundleReader.MoviesFile, 5)
            .Append(BundleReader.MoviesFile, "tt10000005,Epsilon,2021,101,Horror,,,5.5,3000,")
            .RemoveLine(BundleReader.AwardsFile, 5)
            .Append(BundleReader.AwardsFile, "tt10000005,sundance,2021,grand jury prize,dramatic,1")
            .RemoveLine(BundleReader.ListDefinitionsFile, 4)
            .RemoveLine(BundleReader.ListsFile, 5)
            .Set(BundleReader.ListsFile, 2, "1001_movies,tt0000001,2018,2")
            .Set(BundleReader.OscarPeopleFile, 3, "tt0000001,nm0000002,Bo Actor,Acting,Actor in a Leading Role,1951,1")
            .Write();

        // One film of four (25 %) goes: more than the 10 % an import may remove unless it is allowed to shrink.
        var result = await Importer().ImportBundleAsync(bundle.Folder, allowShrink: true, cancellationToken: Ct);

        result.Changed.Should().BeTrue();
        result.DataVersion.Should().Be(2);
        var state = await CatalogState.CaptureAsync(Factory);
        state.Should().BeEquivalentTo(new { DataVersion = 2, Movies = 4, Awards = 4, Lists = 2, Memberships = 3, Credits = 2, Imports = 2 });
        state.Rows.Should().BeEquivalentTo(await FreshImportRowsAsync(bundle.Folder), o => o.WithStrictOrdering(),
            because: "an upsert over the old catalogue ends where a fresh import of the new bundle does");
        state.Rows.Should().NotContain(row => row.Contains("tt0000004", StringComparison.Ordinal) || row.Contains("afi_100_2007", StringComparison.Ordinal));

        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.Movies.SingleAsync(m => m.ImdbId == "tt0000001", Ct)).Id.Should().Be(alphaId, because: "films are updated in place, by IMDb id");
        var beta = await db.Movies.SingleAsync(m => m.ImdbId == "tt0000002", Ct);
        beta.Should().BeEquivalentTo(new { Title = "Beta Revised", Year = 1961, RuntimeMinutes = 95, OriginalLanguage = "it", ImdbRating = 6.3, ImdbVotes = 900, LetterboxdPopularityRank = 44 });
        beta.Genres.Should().Equal("Comedy", "Drama");
    }

    [Fact]
    public async Task ImportingTheOldBundleAgainRestoresItUnderANewDataVersion()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        var original = await CatalogState.CaptureAsync(Factory);
        using var changed = new SmallBundle();
        changed.RemoveLine(BundleReader.OscarPeopleFile, 2).Set(BundleReader.MoviesFile, 4, "tt0000003,Gamma II,1971,,,,,,,").Write();
        await Importer().ImportBundleAsync(changed.Folder, cancellationToken: Ct);

        var result = await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        result.Should().BeEquivalentTo(new { Changed = true, DataVersion = 3 });
        (await CatalogState.CaptureAsync(Factory)).Rows.Should().Equal(original.Rows);
    }

    [Fact]
    public async Task KeepsAWonAndALostNominationOfOnePersonInOneCategoryAndYear()
    {
        // Two songs of one film by one songwriter in one ceremony, one of them winning: the real bundle has 14 such pairs.
        using var bundle = new SmallBundle();
        bundle.Append(BundleReader.OscarPeopleFile, "tt0000001,nm0000001,Ann Director,Directing,Directing,1951,0").Write();

        var result = await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        result.Counts.Credits.Should().Be(SmallBundle.Credits + 1);
        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.OscarCredits.Where(c => c.PersonId == "nm0000001").Select(c => c.Won).ToListAsync(Ct))
            .Should().BeEquivalentTo([true, false]);
    }

    [Theory]
    [InlineData("missing file", false)]
    [InlineData("missing file", true)]
    [InlineData("wrong header", false)]
    [InlineData("wrong header", true)]
    [InlineData("bad imdb id", false)]
    [InlineData("bad imdb id", true)]
    [InlineData("rating above 10", false)]
    [InlineData("rating above 10", true)]
    [InlineData("rating below 1", true)]
    [InlineData("year before 1880", false)]
    [InlineData("year before 1880", true)]
    [InlineData("year after 2100", true)]
    [InlineData("unknown list key", false)]
    [InlineData("unknown list key", true)]
    [InlineData("award year outside range", true)]
    [InlineData("row with too few fields", true)]
    [InlineData("award of a film not in movies", true)]
    [InlineData("title too long for the column", true)]
    [InlineData("duplicate film", true)]
    [InlineData("duplicate award row", false)]
    [InlineData("duplicate award row", true)]
    [InlineData("duplicate award row, empty won as 0", true)]
    [InlineData("duplicate list definition", true)]
    [InlineData("duplicate membership", true)]
    [InlineData("duplicate oscar credit", false)]
    [InlineData("duplicate oscar credit", true)]
    public async Task RefusesABadBundleWithFileAndLineAndLeavesTheDatabaseAsItWas(string problem, bool afterAGoodImport)
    {
        using var bundle = new SmallBundle();
        if (afterAGoodImport)
        {
            await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        }

        var before = await CatalogState.CaptureAsync(Factory, withIds: true);
        var expected = Break(bundle, problem);
        bundle.Write();

        var import = () => Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        var error = (await import.Should().ThrowAsync<BundleFormatException>()).Which;
        error.Message.Should().StartWith(expected.Prefix).And.Contain(expected.Detail);
        (await CatalogState.CaptureAsync(Factory, withIds: true)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task ADatabaseFailureMidImportRollsEverythingBack()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        var before = await CatalogState.CaptureAsync(Factory, withIds: true);
        bundle.Set(BundleReader.MoviesFile, 3, "tt0000002,Beta Revised,1960,,Comedy,,,6.1,800,")
            .RemoveLine(BundleReader.ListsFile, 4)
            .Write();
        var failing = new CinegraphDbContextFactory(Provider, Database.ConnectionString, b => b.AddInterceptors(new FailOnImportRowInterceptor()));
        var importer = new CatalogImporter(failing, TimeProvider.System, NullLogger<CatalogImporter>.Instance);

        var import = () => importer.ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        await import.Should().ThrowAsync<DbUpdateException>().WithInnerException<DbUpdateException, InvalidOperationException>().WithMessage("*simulated failure*");
        (await CatalogState.CaptureAsync(Factory, withIds: true)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering(),
            because: "films and lists were already written when the ledger row failed, and all of it is rolled back");
    }

    [Fact]
    public async Task RefusesAHeadersOnlyBundleSayingWhatWouldBeLostAndLeavesTheDatabaseAsItWas()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        var before = await CatalogState.CaptureAsync(Factory, withIds: true);
        using var empty = HeadersOnly();

        var import = () => Importer().ImportBundleAsync(empty.Folder, cancellationToken: Ct);

        var error = (await import.Should().ThrowAsync<CatalogShrinkException>()).Which;
        error.Message.Should().Contain("remove 4 of 4 films (100 %")
            .And.Contain("movies.csv 4 → 0").And.Contain("awards.csv 4 → 0").And.Contain("list_definitions.csv 3 → 0")
            .And.Contain("lists.csv 4 → 0").And.Contain("oscar_people.csv 2 → 0").And.Contain("empty awards.csv");
        (await CatalogState.CaptureAsync(Factory, withIds: true)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task AllowShrinkImportsTheHeadersOnlyBundle()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        using var empty = HeadersOnly();

        var result = await Importer().ImportBundleAsync(empty.Folder, allowShrink: true, cancellationToken: Ct);

        result.Should().BeEquivalentTo(new { Changed = true, DataVersion = 2 });
        (await CatalogState.CaptureAsync(Factory)).Should().BeEquivalentTo(new { DataVersion = 2, Movies = 0, Awards = 0, Credits = 0 });
    }

    [Fact]
    public async Task RefusesABundleThatEmptiesOneFileEvenWhenEveryFilmStays()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        var before = await CatalogState.CaptureAsync(Factory, withIds: true);
        bundle.RemoveLine(BundleReader.OscarPeopleFile, 3).RemoveLine(BundleReader.OscarPeopleFile, 2).Write();

        var import = () => Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        var error = (await import.Should().ThrowAsync<CatalogShrinkException>()).Which;
        error.Message.Should().Contain("empty oscar_people.csv").And.Contain("oscar_people.csv 2 → 0").And.NotContain("films (");
        (await CatalogState.CaptureAsync(Factory, withIds: true)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public async Task AllowsRemovingUpToTenPercentOfTheFilms(int removed, bool allowed)
    {
        await Importer().ImportAsync(Films(20), "/bundles/twenty", isDemo: false, cancellationToken: Ct);

        var import = () => Importer().ImportAsync(Films(20 - removed), "/bundles/fewer", isDemo: false, cancellationToken: Ct);

        if (allowed)
        {
            (await import()).Should().BeEquivalentTo(new { Changed = true, DataVersion = 2 });
        }
        else
        {
            (await import.Should().ThrowAsync<CatalogShrinkException>()).Which.Message.Should().Contain("remove 3 of 20 films (15 %");
            (await CatalogState.CaptureAsync(Factory)).Should().BeEquivalentTo(new { DataVersion = 1, Movies = 20 });
        }
    }

    [Fact]
    public async Task ReplacingTheDemoCatalogueIsNotAShrink()
    {
        await Importer().ImportAsync(DemoCatalogue.Generate(200, 7), DemoCatalogue.Source, isDemo: true, cancellationToken: Ct);
        using var bundle = new SmallBundle();

        var result = await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        result.Should().BeEquivalentTo(new { Changed = true, DataVersion = 2 });
    }

    private static SmallBundle HeadersOnly()
    {
        var empty = new SmallBundle();
        foreach (var (file, rows) in new[] { (BundleReader.MoviesFile, 4), (BundleReader.AwardsFile, 4), (BundleReader.ListDefinitionsFile, 3), (BundleReader.ListsFile, 4), (BundleReader.OscarPeopleFile, 2) })
        {
            for (var line = rows + 1; line >= 2; line--)
            {
                empty.RemoveLine(file, line);
            }
        }

        empty.Write();
        return empty;
    }

    private static BundleData Films(int count) => new(
        [.. Enumerable.Range(1, count).Select(i => new BundleMovie($"tt{i:0000000}", $"Film {i}", 1990 + (i % 30), null, [], [], null, null, null, null))],
        [],
        [],
        [],
        []);

    [Theory]
    [InlineData(BundleReader.MoviesFile, 1)]
    [InlineData(BundleReader.MoviesFile, 3)]
    [InlineData(BundleReader.AwardsFile, 5)]
    [InlineData(BundleReader.ListDefinitionsFile, 2)]
    [InlineData(BundleReader.OscarPeopleFile, 3)]
    public async Task RefusesInvalidUtf8NamingFileAndLine(string file, int line)
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        var before = await CatalogState.CaptureAsync(Factory, withIds: true);
        InvalidUtf8.Inject(Path.Combine(bundle.Folder, file), line);

        var import = () => Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        (await import.Should().ThrowAsync<BundleFormatException>()).Which.Message.Should().Be($"{file}:{line}: not valid UTF-8");
        (await CatalogState.CaptureAsync(Factory, withIds: true)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task RefusesInvalidUtf8FarBeyondTheFirstBlockNamingItsLine()
    {
        using var bundle = new SmallBundle();
        for (var i = 10; i < 400; i++)
        {
            bundle.Append(BundleReader.MoviesFile, $"tt{i:0000000},A film with a long enough title to fill the blocks {i},1990,,,,,,,");
        }

        bundle.Write();
        InvalidUtf8.Inject(Path.Combine(bundle.Folder, BundleReader.MoviesFile), 350);

        var import = () => Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        (await import.Should().ThrowAsync<BundleFormatException>()).Which.Message.Should().Be("movies.csv:350: not valid UTF-8");
    }

    [Fact]
    public async Task TheSameContentInAnotherRowOrderWithCrlfAndABomKeepsTheDataVersion()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        var before = await CatalogState.CaptureAsync(Factory, withIds: true);
        using var same = new SmallBundle();
        same.RemoveLine(BundleReader.MoviesFile, 2).Append(BundleReader.MoviesFile, "tt0000001,\"Alpha, the First\",1950,90,Drama|Romance,FR,fr,7.5,12000,10")
            .RemoveLine(BundleReader.AwardsFile, 2).Append(BundleReader.AwardsFile, "tt0000001,oscars,1951,Academy Award,Best Picture,1")
            .RemoveLine(BundleReader.OscarPeopleFile, 2).Append(BundleReader.OscarPeopleFile, "tt0000001,nm0000001,Ann Director,Directing,Directing,1951,1")
            .Write();
        foreach (var file in Directory.GetFiles(same.Folder))
        {
            File.WriteAllText(file, "\uFEFF" + File.ReadAllText(file).Replace("\n", "\r\n", StringComparison.Ordinal), new System.Text.UTF8Encoding(false));
        }

        var result = await Importer().ImportBundleAsync(same.Folder, cancellationToken: Ct);

        result.Should().BeEquivalentTo(new { Changed = false, DataVersion = 1 });
        (await CatalogState.CaptureAsync(Factory, withIds: true)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task ImportingTheSameContentAfterARefusedImportKeepsTheDataVersion()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        using var duplicated = new SmallBundle();
        duplicated.Append(BundleReader.AwardsFile, "tt0000001,oscars,1951,Academy Award,Best Picture,1").Write();
        var refused = () => Importer().ImportBundleAsync(duplicated.Folder, cancellationToken: Ct);
        await refused.Should().ThrowAsync<BundleFormatException>();

        var again = await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        again.Should().BeEquivalentTo(new { Changed = false, DataVersion = 1 });
        (await CatalogState.CaptureAsync(Factory)).Imports.Should().Be(1);
    }

    private CatalogImporter Importer() => new(Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance);

    private async Task<IReadOnlyList<string>> FreshImportRowsAsync(string folder)
    {
        await using var fresh = await TestDatabase.CreateAsync(Provider, cancellationToken: Ct);
        await new CatalogImporter(fresh.Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance).ImportBundleAsync(folder, cancellationToken: Ct);
        return (await CatalogState.CaptureAsync(fresh.Factory)).Rows;
    }

    private static (string Prefix, string Detail) Break(SmallBundle bundle, string problem)
    {
        const string movies = BundleReader.MoviesFile;
        switch (problem)
        {
            case "missing file":
                bundle.Without(BundleReader.AwardsFile);
                return ("awards.csv: ", "file not found");
            case "wrong header":
                bundle.Set(movies, 1, "imdb_id,name,year,runtime_minutes,genres,countries,original_language,imdb_rating,imdb_votes,letterboxd_popularity_rank");
                return ("movies.csv:1: ", "wrong header");
            case "bad imdb id":
                bundle.Set(movies, 3, "tt12,Beta,1960,,Comedy,,,6.1,800,");
                return ("movies.csv:3: ", "imdb_id 'tt12'");
            case "rating above 10":
                bundle.Set(movies, 3, "tt0000002,Beta,1960,,Comedy,,,10.5,800,");
                return ("movies.csv:3: ", "imdb_rating 10.5 is outside 1-10");
            case "rating below 1":
                bundle.Set(movies, 3, "tt0000002,Beta,1960,,Comedy,,,0.9,800,");
                return ("movies.csv:3: ", "imdb_rating 0.9 is outside 1-10");
            case "year before 1880":
                bundle.Set(movies, 3, "tt0000002,Beta,1879,,Comedy,,,6.1,800,");
                return ("movies.csv:3: ", "year 1879 is outside 1880-2100");
            case "year after 2100":
                bundle.Set(movies, 3, "tt0000002,Beta,2101,,Comedy,,,6.1,800,");
                return ("movies.csv:3: ", "year 2101 is outside 1880-2100");
            case "unknown list key":
                bundle.Set(BundleReader.ListsFile, 4, "no_such_list,tt0000003,,");
                return ("lists.csv:4: ", "unknown list_key 'no_such_list'");
            case "award year outside range":
                bundle.Set(BundleReader.AwardsFile, 3, "tt0000001,cannes,1700,palme d'or,competition,0");
                return ("awards.csv:3: ", "event_year 1700 is outside 1880-2100");
            case "row with too few fields":
                bundle.Set(movies, 4, "tt0000003,Gamma,1970");
                return ("movies.csv:4: ", "expected 10 fields, got 3");
            case "award of a film not in movies":
                bundle.Set(BundleReader.AwardsFile, 2, "tt9999999,oscars,1951,Academy Award,Best Picture,1");
                return ("awards.csv:2: ", "imdb_id 'tt9999999' is not a row of movies.csv");
            case "title too long for the column":
                bundle.Set(movies, 3, $"tt0000002,{new string('x', CatalogLimits.Title + 1)},1960,,Comedy,,,6.1,800,");
                return ("movies.csv:3: ", $"title is {CatalogLimits.Title + 1} characters long");
            case "duplicate film":
                bundle.Append(movies, "tt0000002,Beta Again,1960,,Comedy,,,6.1,800,");
                return ("movies.csv:6: ", "duplicate imdb_id 'tt0000002' (same as line 3)");
            case "duplicate award row":
                bundle.Append(BundleReader.AwardsFile, "tt0000001,cannes,1950,palme d'or,competition,0");
                return ("awards.csv:6: ", "duplicate award row (same as line 3)");
            case "duplicate award row, empty won as 0":
                bundle.Append(BundleReader.AwardsFile, "tt0000004,bafta,1981,film,best film,0");
                return ("awards.csv:6: ", "duplicate award row (same as line 5)");
            case "duplicate list definition":
                bundle.Append(BundleReader.ListDefinitionsFile, "criterion,Criterion again,registry,,");
                return ("list_definitions.csv:5: ", "duplicate list_key 'criterion' (same as line 3)");
            case "duplicate membership":
                bundle.Append(BundleReader.ListsFile, "criterion,tt0000003,,5");
                return ("lists.csv:6: ", "duplicate (list_key, imdb_id, edition) (same as line 4)");
            case "duplicate oscar credit":
                bundle.Append(BundleReader.OscarPeopleFile, "tt0000001,nm0000001,Ann D.,Directing,Directing,1951,1");
                return ("oscar_people.csv:4: ", "duplicate (imdb_id, person_id, category, event_year, won) (same as line 2)");
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown case");
        }
    }

    /// <summary>Fails the import's last write (the data_imports ledger row), after the catalogue rows were written.</summary>
    private sealed class FailOnImportRowInterceptor : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            IsImportRow(command) ? throw new InvalidOperationException("simulated failure while writing the import row") : ValueTask.FromResult(result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            IsImportRow(command) ? throw new InvalidOperationException("simulated failure while writing the import row") : ValueTask.FromResult(result);

        private static bool IsImportRow(DbCommand command) =>
            command.CommandText.Contains("INSERT INTO", StringComparison.Ordinal)
            && command.CommandText.Contains("data_imports", StringComparison.Ordinal);
    }
}

public sealed class CatalogImporterTestsOnSqlite() : CatalogImporterTests(DatabaseProvider.Sqlite);

public sealed class CatalogImporterTestsOnPostgres() : CatalogImporterTests(DatabaseProvider.Postgres);
