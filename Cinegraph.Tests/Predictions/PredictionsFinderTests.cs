using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Predictions;

public sealed class PredictionsFinderTests
{
    private static readonly PredictionEntry[] s_entries =
    [
        Entry(1, "tt0000001", "The Long Night", 2021, 91, PredictionStatus.AlreadyAdded),
        Entry(2, "tt0000002", "Parasite Days", 2024, 75, PredictionStatus.FuturePrediction),
        Entry(3, "tt0000003", "A Quiet Night", 2020, 75, PredictionStatus.FuturePrediction),
        Entry(4, "tt0000004", "Morning", 2024, 40, PredictionStatus.AlreadyAdded),
        Entry(5, "tt0000005", "Night Train", 2022, 12, PredictionStatus.FuturePrediction),
    ];

    [Fact]
    public void TheDefaultFindIsTheCachedOrderCutToTheLimit()
    {
        var found = PredictionsFinder.Find(s_entries, PredictionsFind.Default, 3);

        found.Entries.Select(e => e.Rank).Should().Equal(1, 2, 3);
        found.Matched.Should().Be(5);
        found.Cached.Should().Be(5);
        found.HasMore.Should().BeTrue();
    }

    [Fact]
    public void SearchesTitlesIgnoringCaseAndFindsAnImdbId()
    {
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse("NIGHT", null, null, null), 100).Entries.Select(e => e.Rank).Should().Equal(1, 3, 5);
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse(" tt0000004 ", null, null, null), 100).Entries.Should().ContainSingle().Which.Title.Should().Be("Morning");
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse("zebra", null, null, null), 100).Should().BeEquivalentTo(new { Matched = 0, Cached = 5, HasMore = false });
    }

    [Fact]
    public void FiltersFilmsNotYetOnTheListOrAlreadyOnIt()
    {
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse(null, null, null, "future"), 100).Entries.Select(e => e.Rank).Should().Equal(2, 3, 5);
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse(null, null, null, "added"), 100).Entries.Select(e => e.Rank).Should().Equal(1, 4);
    }

    [Fact]
    public void SortsByYearNewestFirstAndByLikelihoodHighestFirstWithTiesInRankOrder()
    {
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse(null, "year", null, null), 100).Entries.Select(e => e.Rank).Should().Equal(2, 4, 5, 1, 3);
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse(null, "year", "asc", null), 100).Entries.Select(e => e.Rank).Should().Equal(3, 1, 5, 2, 4);
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse(null, "likelihood", null, null), 100).Entries.Select(e => e.Rank).Should().Equal(1, 2, 3, 4, 5);
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse(null, "likelihood", "asc", null), 100).Entries.Select(e => e.Rank).Should().Equal(5, 4, 2, 3, 1);
        PredictionsFinder.Find(s_entries, PredictionsFind.Parse(null, "rank", "desc", null), 100).Entries.Select(e => e.Rank).Should().Equal(5, 4, 3, 2, 1);
    }

    [Fact]
    public void SearchFilterAndSortCombineAndCountTheMatches()
    {
        var found = PredictionsFinder.Find(s_entries, PredictionsFind.Parse("night", "year", null, "future"), 1);

        found.Entries.Should().ContainSingle().Which.Rank.Should().Be(5);
        found.Matched.Should().Be(2);
        found.HasMore.Should().BeTrue();
    }

    [Theory]
    [InlineData(null, null, null, null, null, null, null, null)]
    [InlineData("night", "year", null, "future", "night", "year", null, "future")]
    [InlineData(null, "year", "asc", "added", null, "year", "asc", "added")]
    [InlineData(null, "likelihood", "desc", null, null, "likelihood", null, null)]
    [InlineData("  ", "bogus", "sideways", "everything", null, null, null, null)]
    public void ReadsTheQueryStringAndWritesOnlyWhatDiffersFromTheDefault(
        string? q, string? sort, string? dir, string? filter, string? q2, string? sort2, string? dir2, string? filter2)
    {
        var query = PredictionsFind.Parse(q, sort, dir, filter).ToQuery();

        query["q"].Should().Be(q2);
        query["sort"].Should().Be(sort2);
        query["dir"].Should().Be(dir2);
        query["filter"].Should().Be(filter2);
        PredictionsFind.Parse(q2, sort2, dir2, filter2).Should().Be(PredictionsFind.Parse(q, sort, dir, filter));
    }

    [Fact]
    public void ASearchLongerThanTheLimitIsCut() =>
        PredictionsFind.Parse(new string('a', 500), null, null, null).Search.Should().HaveLength(PredictionsFind.MaxSearchLength);

    [Fact]
    public void ClickingTheSortedColumnAgainTurnsItsDirection()
    {
        var byYear = PredictionsFind.Default.ToggleSort(PredictionsSort.Year);
        byYear.Should().Be(PredictionsFind.Default with { Sort = PredictionsSort.Year, Descending = true });
        byYear.ToggleSort(PredictionsSort.Year).Descending.Should().BeFalse();
        byYear.ToggleSort(PredictionsSort.Rank).Should().Be(PredictionsFind.Default);
    }

    [Fact]
    public void FindsACachedFilmByImdbIdAndNothingForAnUnknownOne()
    {
        PredictionsFinder.Film(s_entries, "TT0000003")!.Title.Should().Be("A Quiet Night");
        PredictionsFinder.Film(s_entries, "tt9999999").Should().BeNull();
        PredictionsFinder.Film(s_entries, null).Should().BeNull();
    }

    internal static PredictionEntry Entry(int rank, string imdbId, string title, int year, double likelihood, string status) =>
        new(rank, rank, imdbId, title, year, 100 - rank, likelihood, status, 1000 - rank, []);
}
