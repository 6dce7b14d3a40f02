using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;
using Cinegraph.Tests.Scoring;

namespace Cinegraph.Tests.Validation;

public sealed class HistoricalValidatorTests
{
    private static readonly ScoringProfile Balanced = ScoringProfile.Custom(CategoryWeights.Balanced);

    [Fact]
    public void DecadeAccuracyIsRecallAtTheNumberOfListFilms()
    {
        // 1950s: four films, two on the newest edition; the ranking puts one of them in the top two.
        var snapshot = new SnapshotBuilder()
            .Film(1950, rating: 9.0, editions: [2024])
            .Film(1951, rating: 8.5)
            .Film(1952, rating: 6.0, editions: [2024])
            .Film(1953, rating: 5.0)
            .Build();

        var result = new HistoricalValidator(new MoviePredictor(snapshot)).ValidateDecade(1950, CategoryWeights.Balanced);

        result.OnList.Should().Be(2);
        result.Hits.Should().Be(1);
        result.Candidates.Should().Be(4);
        result.AccuracyPercent.Should().Be(50);
    }

    [Fact]
    public void MicroAndMacroAveragesAreComputedOverCompletedDecadesOnly()
    {
        var snapshot = new SnapshotBuilder()
            .Film(1950, rating: 9.0, editions: [2024])
            .Film(1951, rating: 8.0)
            .Film(1960, rating: 9.0, editions: [2024])
            .Film(1961, rating: 8.0, editions: [2024])
            .Film(1962, rating: 9.5)
            .Film(2021, rating: 3.0, editions: [2024])
            .Film(2022, rating: 9.0)
            .Build();

        var validation = new HistoricalValidator(new MoviePredictor(snapshot)).Validate(Balanced);

        var fifties = validation.Decades.Single(d => d.Decade == 1950);
        var sixties = validation.Decades.Single(d => d.Decade == 1960);
        fifties.AccuracyPercent.Should().Be(100);
        sixties.Hits.Should().Be(1);
        sixties.AccuracyPercent.Should().Be(50);
        validation.MicroAccuracy.Should().BeApproximately(100.0 * 2 / 3, 1e-9);
        validation.MacroAccuracy.Should().BeApproximately(75, 1e-9);
        validation.Provisional.Decade.Should().Be(2020);
        validation.Provisional.AccuracyPercent.Should().Be(0);
        validation.Decades.Select(d => d.Decade).Should().Equal(MoviePredictor.CompletedDecades);
    }

    [Fact]
    public void EditionBacktestCountsLaterAdditionsInTheTopK()
    {
        var snapshot = new SnapshotBuilder()
            .Film(1990, rating: 9.5, editions: [2018, 2021])
            .Film(2015, rating: 9.0, editions: [2021])
            .Film(2016, rating: 8.0)
            .Film(2017, rating: 6.0, editions: [2021])
            .Film(2019, rating: 5.0)
            .Build();

        var backtest = new HistoricalValidator(new MoviePredictor(snapshot)).BacktestEditions(Balanced, 2018);

        backtest.Candidates.Should().Be(4);
        backtest.Added.Should().Be(2);
        backtest.Hits.Should().Be(1);
        backtest.RecallPercent.Should().Be(50);
        backtest.AddedFilms.Select(f => (f.ImdbId, f.Rank, f.Hit)).Should().Equal(("tt0000002", 1, true), ("tt0000004", 3, false));
        backtest.Steps.Should().ContainSingle().Which.Should().Be(new EditionStep(2021, 2018, 4, 2, 1));
    }

    [Fact]
    public void ComparisonNamesBestAndMostConsistentProfiles()
    {
        var validator = RatingsDecideEveryDecade();
        var crowd = (ScoringProfile.Custom(new CategoryWeights(1, 0, 0, 0)) with { Name = "Crowd" }, "ratings only");
        var awards = (ScoringProfile.Custom(new CategoryWeights(0, 1, 0, 0)) with { Name = "Awards" }, "awards only");

        var comparison = ProfileComparison.Compare(validator, [awards, crowd], cancellationToken: TestContext.Current.CancellationToken);

        comparison.BestOverall.Should().Be("Crowd");
        comparison.Profiles.Single(p => p.ProfileName == "Crowd").MicroAccuracy.Should().Be(100);
        comparison.Profiles.Single(p => p.ProfileName == "Awards").MicroAccuracy.Should().Be(0);
        comparison.BestPerDecade.Values.Should().OnlyContain(name => name == "Crowd");
        comparison.MostConsistent.Should().Be("Awards", because: "both have σ = 0 and ties go to the profile listed first");
    }

    [Fact]
    public void TheComparisonKeepsTheProfilesOrderAndUsesAValidationAlreadyComputedForItsOwnProfile()
    {
        var validator = RatingsDecideEveryDecade();
        var profiles = Enumerable.Range(0, 6)
            .Select(i => (ScoringProfile.Custom(new CategoryWeights(i % 2, 1 - (i % 2), 0, 0)) with { Name = $"P{i}" }, $"profile {i}"))
            .ToList();
        var crowd = profiles[3].Item1;
        var computedByTheJob = validator.Validate(profiles[0].Item1) with { ProfileName = crowd.Name };

        var comparison = ProfileComparison.Compare(validator, profiles, (crowd, computedByTheJob), TestContext.Current.CancellationToken);

        comparison.Profiles.Select(p => p.ProfileName).Should().Equal("P0", "P1", "P2", "P3", "P4", "P5");
        comparison.Profiles[1].MicroAccuracy.Should().Be(100, because: "P1 ranks by ratings, which decide here");
        comparison.Profiles[3].MicroAccuracy.Should().Be(0, because: "P3's validation was the one handed in (P0's figures), not computed again");
        comparison.Profiles[5].MicroAccuracy.Should().Be(100);
    }

    /// <summary>Two films per completed decade: the highly rated one is on the list, the award-laden one is not.</summary>
    private static HistoricalValidator RatingsDecideEveryDecade()
    {
        var builder = new SnapshotBuilder();
        foreach (var decade in MoviePredictor.CompletedDecades)
        {
            builder.Film(decade, rating: 9, awards: 0, editions: [2024]).Film(decade + 1, rating: 5, awards: 30);
        }

        return new HistoricalValidator(new MoviePredictor(builder.Build()));
    }
}
