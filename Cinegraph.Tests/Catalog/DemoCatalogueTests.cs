using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cinegraph.Core.Catalog;

namespace Cinegraph.Tests.Catalog;

public sealed partial class DemoCatalogueTests
{
    private static readonly BundleData Demo = DemoCatalogue.Generate();

    private static readonly string[] EventKeys =
    [
        "oscars", "cannes", "venice", "berlin", "sundance", "tiff", "bafta", "golden_globes", "critics_choice", "sag",
        "independent_spirit", "cesar", "nyfcc", "lafca", "nbr", "nsfc", "dga",
    ];

    private static readonly Dictionary<string, string> ListKindsByKey = new(StringComparer.Ordinal)
    {
        ["1001_movies"] = ListKinds.Target,
        ["1001_movies_any_edition"] = ListKinds.Target,
        ["criterion"] = ListKinds.Registry,
        ["national_film_registry"] = ListKinds.Registry,
        ["sight_and_sound_2022"] = ListKinds.Canon,
        ["afi_100_2007"] = ListKinds.Canon,
        ["tspdt_1000"] = ListKinds.Canon,
        ["tspdt_21st_century"] = ListKinds.Canon,
        ["ebert_great_movies"] = ListKinds.Canon,
        ["imdb_top_250"] = ListKinds.Popularity,
        ["letterboxd_top250_history"] = ListKinds.Popularity,
    };

    [Fact]
    public void TwoCallsWithTheSameInputsGiveTheSameCatalogue()
    {
        var first = JsonSerializer.SerializeToUtf8Bytes(DemoCatalogue.Generate(2000, 7));
        var second = JsonSerializer.SerializeToUtf8Bytes(DemoCatalogue.Generate(2000, 7));

        first.AsSpan().SequenceEqual(second).Should().BeTrue("the same films and seed must give byte-identical JSON");
        JsonSerializer.SerializeToUtf8Bytes(Demo).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(DemoCatalogue.Generate()))
            .Should().BeTrue("the default catalogue is deterministic too");
    }

    [Fact]
    public void ADifferentSeedGivesADifferentCatalogue()
    {
        var other = DemoCatalogue.Generate(seed: 1002);

        other.Movies.Select(m => m.Title).Should().NotEqual(Demo.Movies.Select(m => m.Title));
    }

    [Fact]
    public void ItHasTheRequestedNumberOfFilmsWithUniqueFakeIds()
    {
        Demo.Movies.Should().HaveCount(3000);
        Demo.Movies.Select(m => m.ImdbId).Should().OnlyHaveUniqueItems();
        Demo.Movies.Should().OnlyContain(m => FakeTitleId().IsMatch(m.ImdbId) && TitleId().IsMatch(m.ImdbId));
        Demo.Movies.Should().OnlyContain(m => !string.IsNullOrWhiteSpace(m.Title));
        Demo.Movies.Select(m => m.Title).Distinct(StringComparer.Ordinal).Count().Should().BeGreaterThan(2000, "titles are combined from word lists");
    }

    [Fact]
    public void EveryRowRefersToAFilmAndAListOfTheCatalogue()
    {
        var ids = Demo.Movies.Select(m => m.ImdbId).ToHashSet(StringComparer.Ordinal);
        var listKeys = Demo.Lists.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);

        Demo.Awards.Should().OnlyContain(a => ids.Contains(a.ImdbId));
        Demo.Memberships.Should().OnlyContain(m => ids.Contains(m.ImdbId) && listKeys.Contains(m.ListKey));
        Demo.Credits.Should().OnlyContain(c => ids.Contains(c.ImdbId));
    }

    [Fact]
    public void TheUniqueKeysOfTheBundleFormatHold()
    {
        Demo.Lists.Select(l => l.Key).Should().OnlyHaveUniqueItems();
        Demo.Awards.Should().OnlyHaveUniqueItems("an award row is unique as a whole");
        Demo.Memberships.Select(m => (m.ListKey, m.ImdbId, m.Edition)).Should().OnlyHaveUniqueItems();
        Demo.Credits.Select(c => (c.ImdbId, c.PersonId, c.Category, c.EventYear)).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void EveryValueIsOneTheImporterAccepts()
    {
        Demo.Movies.Should().OnlyContain(m => m.Year >= 1920 && m.Year <= 2029);
        Demo.Movies.Should().OnlyContain(m => m.ImdbRating == null || (m.ImdbRating >= 1 && m.ImdbRating <= 10));
        Demo.Movies.Should().OnlyContain(m => (m.ImdbRating == null) == (m.ImdbVotes == null), "rating and votes come together");
        Demo.Movies.Should().OnlyContain(m => m.ImdbVotes == null || m.ImdbVotes > 0);
        Demo.Movies.Should().OnlyContain(m => m.RuntimeMinutes == null || m.RuntimeMinutes > 0);
        Demo.Movies.Should().OnlyContain(m => m.Genres.All(g => g.Length > 0 && !g.Contains('|', StringComparison.Ordinal)));

        var ranks = Demo.Movies.Where(m => m.LetterboxdPopularityRank != null).Select(m => m.LetterboxdPopularityRank!.Value).ToList();
        ranks.Should().OnlyHaveUniqueItems().And.OnlyContain(r => r >= 1 && r <= 5000);
        ranks.Should().HaveCount(1000, "the most popular third has a Letterboxd rank");

        Demo.Awards.Should().OnlyContain(a => a.EventYear >= BundleReader.MinYear && a.EventYear <= BundleReader.MaxYear);
        Demo.Awards.Should().OnlyContain(a => a.Award.Length > 0 && a.Category.Length > 0);
        Demo.Memberships.Should().OnlyContain(m => m.Edition == null || (m.Edition >= BundleReader.MinYear && m.Edition <= BundleReader.MaxYear));
        Demo.Lists.Should().OnlyContain(l => ListKinds.All.Contains(l.Kind));
        Demo.Credits.Should().OnlyContain(c => FakePersonId().IsMatch(c.PersonId) && PersonId().IsMatch(c.PersonId));
        Demo.Credits.Should().OnlyContain(c => c.Class == "Acting" || c.Class == "Directing" || c.Class == "Writing");
    }

    [Fact]
    public void TheCatalogueReadsBackThroughTheBundleReader()
    {
        var folder = Directory.CreateTempSubdirectory("cinegraph-demo-").FullName;
        try
        {
            WriteBundle(Demo, folder);

            var read = BundleReader.Read(folder);

            read.Movies.Should().BeEquivalentTo(Demo.Movies, o => o.WithStrictOrdering());
            read.Awards.Should().Equal(Demo.Awards);
            read.Lists.Should().Equal(Demo.Lists);
            read.Memberships.Should().Equal(Demo.Memberships);
            read.Credits.Should().Equal(Demo.Credits);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EveryDecadeHasFilmsAndRecentDecadesHaveMore()
    {
        var perDecade = Demo.Movies.GroupBy(m => m.Year / 10 * 10).ToDictionary(g => g.Key, g => g.Count());

        for (var decade = 1920; decade <= 2020; decade += 10)
        {
            perDecade.Should().ContainKey(decade).WhoseValue.Should().BePositive();
        }

        perDecade[2010].Should().BeGreaterThan(perDecade[1980]).And.BeGreaterThan(5 * perDecade[1920]);
        var ratings = Demo.Movies.Where(m => m.ImdbRating != null).Select(m => m.ImdbRating!.Value).ToList();
        ratings.Average().Should().BeApproximately(6.4, 0.2);
        ratings.Count.Should().BeInRange(2500, 2950, "most films have a rating, some do not");
    }

    [Fact]
    public void TheFourEditionsHaveTheSameSizeAndMostlyTheSameFilms()
    {
        var years = Demo.Movies.ToDictionary(m => m.ImdbId, m => m.Year, StringComparer.Ordinal);
        var editions = Demo.Memberships.Where(m => m.ListKey == CanonicalList.TargetKey)
            .GroupBy(m => m.Edition!.Value)
            .ToDictionary(g => g.Key, g => g.Select(m => m.ImdbId).ToHashSet(StringComparer.Ordinal));

        editions.Keys.Should().BeEquivalentTo([2018, 2019, 2021, 2024]);
        editions.Values.Should().OnlyContain(e => e.Count == 214, "each edition has about films / 14 films");
        editions[2018].Intersect(editions[2024]).Count().Should().BeGreaterThan(190, "later editions swap only a few films");
        editions[2024].Except(editions[2018]).Should().OnlyContain(id => years[id] >= 2017, "the films that come in are new ones");
        foreach (var (edition, films) in editions)
        {
            films.Should().OnlyContain(id => years[id] < edition, "an edition holds only films released before it");
        }

        editions[2024].Count(id => years[id] >= 2020).Should().BeInRange(1, 10, "the 2024 edition has a handful of 2020s films");
        Demo.Memberships.Where(m => m.ListKey == CanonicalList.TargetKey && m.Edition == 2018).Select(m => m.Rank)
            .Should().Equal(Enumerable.Range(1, 214).Cast<int?>(), "the 2018 edition carries the book order");

        var anyEdition = Demo.Memberships.Where(m => m.ListKey == CanonicalList.TargetAnyEditionKey).Select(m => m.ImdbId).ToHashSet(StringComparer.Ordinal);
        anyEdition.Should().Contain(editions.Values.SelectMany(e => e).Distinct());
    }

    [Fact]
    public void ListsUseTheRealKeysAndKinds()
    {
        Demo.Lists.ToDictionary(l => l.Key, l => l.Kind, StringComparer.Ordinal).Should().BeEquivalentTo(ListKindsByKey);
        Demo.Memberships.Select(m => m.ListKey).Distinct().Should().BeEquivalentTo(ListKindsByKey.Keys, "every list has members");
        Demo.Memberships.Where(m => m.ListKey == "national_film_registry").Should().OnlyContain(m => m.Edition >= 1989 && m.Edition <= 2024);
        Demo.Memberships.Where(m => m.ListKey == "sight_and_sound_2022").Select(m => m.Rank!.Value).Should().BeInAscendingOrder().And.StartWith(1);
        Demo.Memberships.Where(m => m.ListKey is not ("1001_movies" or "national_film_registry")).Should().OnlyContain(m => m.Edition == null);
    }

    [Fact]
    public void AwardsUseTheRealEventsAndWinsAreRarerThanNominations()
    {
        var years = Demo.Movies.ToDictionary(m => m.ImdbId, m => m.Year, StringComparer.Ordinal);

        Demo.Awards.Select(a => a.Event).Distinct().Should().BeEquivalentTo(EventKeys);
        foreach (var ceremony in new[] { "oscars", "bafta", "golden_globes", "critics_choice", "sag", "independent_spirit", "cesar" })
        {
            var rows = Demo.Awards.Where(a => a.Event == ceremony).ToList();
            rows.Count(a => a.Won).Should().BeLessThan(rows.Count(a => !a.Won), $"{ceremony} has more nominations than wins");
            rows.Should().OnlyContain(a => a.EventYear == years[a.ImdbId] + 1, "a ceremony is held the year after the film");
        }

        Demo.Awards.Should().Contain(a => a.Event == "oscars" && a.Award == "Academy Award" && a.Category == "BEST PICTURE");
        Demo.Awards.Should().Contain(a => a.Event == "cannes" && a.Award == "palme d'or" && a.Category == "palme d'or");
        Demo.Awards.Where(a => a.Event is "nyfcc" or "lafca" or "nbr" or "nsfc" or "dga")
            .Should().OnlyContain(a => a.Award == "Best Film" && a.Category == "Best Film" && a.Won);
    }

    [Fact]
    public void QualityShowsInRatingsAwardsAndTheList()
    {
        var members = Demo.Memberships.Where(m => m.ListKey == CanonicalList.TargetKey && m.Edition == 2024).Select(m => m.ImdbId).ToHashSet(StringComparer.Ordinal);
        var nominated = Demo.Awards.Where(a => a.Event == "oscars").Select(a => a.ImdbId).ToHashSet(StringComparer.Ordinal);
        double MeanRating(Func<BundleMovie, bool> which) => Demo.Movies.Where(m => m.ImdbRating != null && which(m)).Average(m => m.ImdbRating!.Value);

        MeanRating(m => members.Contains(m.ImdbId)).Should().BeGreaterThan(MeanRating(m => !members.Contains(m.ImdbId)) + 0.5);
        MeanRating(m => nominated.Contains(m.ImdbId)).Should().BeGreaterThan(MeanRating(m => !nominated.Contains(m.ImdbId)) + 0.3);
    }

    [Fact]
    public void OscarCreditsBelongToOscarNominationsAndPeopleRecur()
    {
        var nominations = Demo.Awards.Where(a => a.Event == "oscars").Select(a => (a.ImdbId, a.EventYear, a.Category, a.Won)).ToHashSet();

        Demo.Credits.Should().NotBeEmpty();
        Demo.Credits.Where(c => !nominations.Contains((c.ImdbId, c.EventYear, c.Category, c.Won))).Should().BeEmpty();
        var filmsPerPerson = Demo.Credits.GroupBy(c => c.PersonId).Select(g => g.Select(c => c.ImdbId).Distinct().Count()).ToList();
        filmsPerPerson.Count(n => n >= 2).Should().BeGreaterThan(filmsPerPerson.Count / 3, "people are credited on several films, so prior recognition exists");
        Demo.Credits.GroupBy(c => c.PersonId).Should().OnlyContain(g => g.Select(c => c.PersonName).Distinct().Count() == 1, "a person has one name");
    }

    [Fact]
    public void LargerCataloguesKeepTheirShapeAndIntegrity()
    {
        var large = DemoCatalogue.Generate(50_000, 3);
        var ids = large.Movies.Select(m => m.ImdbId).ToHashSet(StringComparer.Ordinal);

        ids.Should().HaveCount(50_000).And.OnlyContain(id => FakeTitleId().IsMatch(id));
        large.Awards.Should().OnlyContain(a => ids.Contains(a.ImdbId));
        large.Memberships.Should().OnlyContain(m => ids.Contains(m.ImdbId));
        large.Credits.Should().OnlyContain(c => ids.Contains(c.ImdbId));
        large.Movies.Count(m => m.LetterboxdPopularityRank != null).Should().Be(5000, "the Letterboxd list has 5000 places");
        large.Memberships.Count(m => m.ListKey == "afi_100_2007").Should().Be(100, "fixed-size lists are capped at their real size");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void ATinyCatalogueIsGeneratedEvenWithNobodyToCredit(int films)
    {
        var tiny = DemoCatalogue.Generate(films);

        tiny.Movies.Should().HaveCount(films);
        tiny.Credits.Select(c => c.ImdbId).Should().BeSubsetOf(tiny.Movies.Select(m => m.ImdbId));
    }

    [Fact]
    public void TheVocabularyComesFromItsDataFileWithEveryEventAndList()
    {
        var vocabulary = DemoVocabulary.Instance;

        vocabulary.Ceremonies.Select(c => c.Key).Concat(vocabulary.Festivals.Select(f => f.Key)).Concat(vocabulary.CriticsAwards.Select(c => c.Key))
            .Should().BeEquivalentTo(EventKeys);
        vocabulary.Lists.Select(l => l.Key).Should().BeEquivalentTo(ListKindsByKey.Keys);
        vocabulary.Ceremonies.SelectMany(c => c.Categories).Should().Contain(c => c.Requires == (DemoTraits.Fiction | DemoTraits.Original),
            "flags such as \"Fiction, Original\" are read from the file");
        vocabulary.Genres.Select(g => g.Name).Should().Contain(["Animation", "Documentary"]);
        vocabulary.Names.Given.Should().HaveCount(vocabulary.Names.Female.Count + vocabulary.Names.Male.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(DemoCatalogue.MaxFilms + 1)]
    public void ASizeOutsideTheFakeIdRangeIsRefused(int films)
    {
        var generate = () => DemoCatalogue.Generate(films);

        generate.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static void WriteBundle(BundleData data, string folder)
    {
        static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string Flag(bool value) => value ? "1" : "0";

        Write(BundleReader.MoviesFile, "imdb_id,title,year,runtime_minutes,genres,countries,original_language,imdb_rating,imdb_votes,letterboxd_popularity_rank",
            data.Movies.Select(m => new[]
            {
                m.ImdbId, m.Title, Int(m.Year), Int(m.RuntimeMinutes), string.Join('|', m.Genres), string.Join('|', m.Countries), m.OriginalLanguage ?? "",
                m.ImdbRating?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", Int(m.ImdbVotes), Int(m.LetterboxdPopularityRank),
            }));
        Write(BundleReader.AwardsFile, "imdb_id,event,event_year,award,category,won",
            data.Awards.Select(a => new[] { a.ImdbId, a.Event, Int(a.EventYear), a.Award, a.Category, Flag(a.Won) }));
        Write(BundleReader.ListDefinitionsFile, "list_key,name,kind,description,source",
            data.Lists.Select(l => new[] { l.Key, l.Name, l.Kind, l.Description ?? "", "demo" }));
        Write(BundleReader.ListsFile, "list_key,imdb_id,edition,rank",
            data.Memberships.Select(m => new[] { m.ListKey, m.ImdbId, Int(m.Edition), Int(m.Rank) }));
        Write(BundleReader.OscarPeopleFile, "imdb_id,person_id,person_name,class,category,event_year,won",
            data.Credits.Select(c => new[] { c.ImdbId, c.PersonId, c.PersonName ?? "", c.Class, c.Category, Int(c.EventYear), Flag(c.Won) }));

        void Write(string file, string header, IEnumerable<string[]> rows)
        {
            var text = new StringBuilder(header).Append('\n');
            foreach (var row in rows)
            {
                text.AppendJoin(',', row.Select(Quote)).Append('\n');
            }

            File.WriteAllText(Path.Combine(folder, file), text.ToString(), new UTF8Encoding(false));
        }

        static string Quote(string field) =>
            field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    [GeneratedRegex("^tt9[0-9]{7}$")]
    private static partial Regex FakeTitleId();

    [GeneratedRegex("^tt[0-9]{7,8}$")]
    private static partial Regex TitleId();

    [GeneratedRegex("^nm9[0-9]{7}$")]
    private static partial Regex FakePersonId();

    [GeneratedRegex("^nm[0-9]{7,8}$")]
    private static partial Regex PersonId();
}
