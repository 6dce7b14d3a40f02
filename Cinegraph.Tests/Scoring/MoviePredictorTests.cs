using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

public sealed class MoviePredictorTests
{
    private static readonly ScoringProfile Balanced = ScoringProfile.Custom(CategoryWeights.Balanced);

    private static FeatureSnapshot MixedSnapshot()
    {
        var builder = new SnapshotBuilder();
        var random = new Random(7);
        foreach (var decade in MoviePredictor.Decades)
        {
            for (var i = 0; i < 40; i++)
            {
                var quality = random.NextDouble();
                builder.Film(
                    decade + (i % 10),
                    rating: i % 7 == 0 ? null : 4 + (5 * quality),
                    votes: i % 7 == 0 ? null : (int)(1000 + (500_000 * quality)),
                    letterboxd: quality > 0.7 ? 1 + (int)(4000 * (1 - quality)) : null,
                    awards: quality > 0.5 ? 10 * quality : 0,
                    canon: quality > 0.6 ? 5 * quality : 0,
                    people: i % 3 == 0 ? 8 * quality : null,
                    editions: quality > 0.8 ? [2018, 2024] : []);
            }
        }

        return builder.Build();
    }

    [Fact]
    public void RanksByScoreThenVotesThenImdbId()
    {
        var snapshot = new SnapshotBuilder()
            .Film(2001, rating: 7, votes: 100)
            .Film(2002, rating: 7, votes: 500)
            .Film(2003, rating: 7, votes: 100)
            .Film(2004, rating: 9, votes: 50)
            .Build();

        var prediction = new MoviePredictor(snapshot).PredictDecade(2000, Balanced);

        prediction.Entries.Select(e => e.ImdbId).Should().Equal("tt0000004", "tt0000002", "tt0000001", "tt0000003");
        prediction.Entries.Select(e => e.Rank).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void EveryOutputOfEveryDecadeAndProfileStaysInRange()
    {
        var predictor = new MoviePredictor(MixedSnapshot());

        foreach (var profile in SystemProfiles.Create().Where(p => p.Kind == ProfileKinds.Weights).Select(p => ScoringProfile.From(p)))
        {
            foreach (var decade in MoviePredictor.Decades)
            {
                var prediction = predictor.PredictDecade(decade, profile);
                prediction.Entries.Should().NotBeEmpty();
                foreach (var entry in prediction.Entries)
                {
                    entry.TotalScore.Should().BeInRange(0, 100);
                    entry.Likelihood.Should().BeInRange(0, 100);
                    entry.Breakdown.Should().HaveCount(4);
                    entry.Breakdown.Sum(b => b.WeightedPoints).Should().BeApproximately(entry.TotalScore, 5e-4, because: "weighted points add up to the total (each figure has 4 decimals)");
                    entry.Breakdown.Should().OnlyContain(b => b.RawScore == null || (b.RawScore >= 0 && b.RawScore <= 100));
                }
            }
        }
    }

    [Fact]
    public void LikelihoodNeverFallsAsTheScoreRises()
    {
        var prediction = new MoviePredictor(MixedSnapshot()).PredictDecade(1990, Balanced);

        prediction.Entries.Select(e => e.Likelihood).Should().BeInDescendingOrder();
    }

    [Fact]
    public void StatusFollowsTheNewestEdition()
    {
        var snapshot = new SnapshotBuilder()
            .Film(2021, rating: 9, editions: [2024])
            .Film(2021, rating: 8, editions: [2018])
            .Film(2021, rating: 7)
            .Build();

        var prediction = new MoviePredictor(snapshot).PredictDecade(2020, Balanced);

        prediction.Entries.Select(e => e.Status).Should().Equal(PredictionStatus.AlreadyAdded, PredictionStatus.FuturePrediction, PredictionStatus.FuturePrediction);
        prediction.TotalCandidates.Should().Be(3);
        prediction.FutureCandidates.Should().Be(2);
        prediction.NewestEdition.Should().Be(2024);
    }

    [Fact]
    public void LimitCutsTheListButNotTheCandidateCount()
    {
        var prediction = new MoviePredictor(MixedSnapshot()).PredictDecade(1950, Balanced, limit: 5);

        prediction.Entries.Should().HaveCount(5);
        prediction.TotalCandidates.Should().Be(40);
    }

    [Fact]
    public void CustomWeightsChangeTheRanking()
    {
        var snapshot = new SnapshotBuilder()
            .Film(1985, rating: 9.0, votes: 1_000_000, awards: 0)
            .Film(1985, rating: 5.0, votes: 1_000, awards: 40)
            .Build();
        var predictor = new MoviePredictor(snapshot);

        var crowd = predictor.PredictDecade(1980, ScoringProfile.Custom(new CategoryWeights(1, 0, 0, 0)));
        var awards = predictor.PredictDecade(1980, ScoringProfile.Custom(new CategoryWeights(0, 1, 0, 0)));

        crowd.Entries[0].ImdbId.Should().Be("tt0000001");
        awards.Entries[0].ImdbId.Should().Be("tt0000002");
        crowd.ProfileName.Should().Be("Custom");
    }

    [Fact]
    public void CustomProfileWithWeightsNotSummingToOneIsRefused()
    {
        var act = () => ScoringProfile.Custom(new CategoryWeights(0.5, 0.2, 0.2, 0.2));

        act.Should().Throw<InvalidWeightsException>();
    }

    [Theory]
    [InlineData(1910)]
    [InlineData(2030)]
    [InlineData(1995)]
    public void UnknownDecadeIsRefused(int decade)
    {
        var act = () => new MoviePredictor(MixedSnapshot()).PredictDecade(decade, Balanced);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ScoresDoNotDependOnListMembership()
    {
        var withList = new SnapshotBuilder().Film(1975, awards: 3, editions: [2018, 2024]).Film(1976, canon: 2).Build();
        var withoutList = new SnapshotBuilder().Film(1975, awards: 3).Film(1976, canon: 2).Build();

        var a = new MoviePredictor(withList).PredictDecade(1970, Balanced).Entries.Select(e => (e.ImdbId, e.TotalScore));
        var b = new MoviePredictor(withoutList).PredictDecade(1970, Balanced).Entries.Select(e => (e.ImdbId, e.TotalScore));

        a.Should().Equal(b);
    }
}
