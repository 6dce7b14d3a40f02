using Cinegraph.Core.Catalog;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

public sealed class WhatIfRankingTests
{
    private static readonly Lazy<MoviePredictor> s_predictor = new(() => new MoviePredictor(FeatureSnapshotLoader.FromBundle(DemoCatalogue.Generate(1500))));

    [Fact]
    public void TheProfilesOwnWeightsGiveBackTheCachedOrderAndTotals()
    {
        var weights = new CategoryWeights(0.4, 0.3, 0.2, 0.1);
        var cached = s_predictor.Value.PredictDecade(2010, ScoringProfile.Custom(weights)).Entries;

        var whatIf = WhatIfRanking.Rerank(cached, weights);

        whatIf.Select(w => w.Entry.Rank).Should().Equal(cached.Select(e => e.Rank));
        whatIf.Should().AllSatisfy(w => w.TotalScore.Should().BeApproximately(w.Entry.TotalScore, 0.001));
        whatIf.Should().AllSatisfy(w => w.Moved.Should().Be(0));
    }

    [Fact]
    public void OtherWeightsScoreEachCachedFilmAsTheScorerWouldAndRankInTheOneOrder()
    {
        var predictor = s_predictor.Value;
        var cached = predictor.PredictDecade(2010, ScoringProfile.Custom(CategoryWeights.Balanced)).Entries;
        var other = new CategoryWeights(0.05, 0.8, 0.1, 0.05);
        var live = predictor.PredictDecade(2010, ScoringProfile.Custom(other)).Entries.ToDictionary(e => e.ImdbId, e => e.TotalScore);

        var whatIf = WhatIfRanking.Rerank(cached, other);

        whatIf.Should().AllSatisfy(w => w.TotalScore.Should().BeApproximately(live[w.Entry.ImdbId], 0.001));
        whatIf.Select(w => w.Rank).Should().Equal(Enumerable.Range(1, cached.Count));
        whatIf.Select(w => w.TotalScore).Should().BeInDescendingOrder();
        whatIf.Select(w => w.Entry.ImdbId).Should().NotEqual(cached.Select(e => e.ImdbId), "more weight on awards re-ranks the films");
        whatIf.Where(w => w.Moved != 0).Should().AllSatisfy(w => w.Moved.Should().Be(w.Entry.Rank - w.Rank));
    }

    [Fact]
    public void WeightsThatDoNotSumToOneRankAsTheirShares()
    {
        var cached = s_predictor.Value.PredictDecade(2000, ScoringProfile.Custom(CategoryWeights.Balanced)).Entries;

        var doubled = WhatIfRanking.Rerank(cached, new CategoryWeights(0.8, 0.4, 0.4, 0.4));
        var shares = WhatIfRanking.Rerank(cached, new CategoryWeights(0.4, 0.2, 0.2, 0.2));

        doubled.Select(w => w.Entry.ImdbId).Should().Equal(shares.Select(w => w.Entry.ImdbId));
    }

    [Fact]
    public void AMissingCategoryStaysMissing()
    {
        var entry = new PredictionEntry(1, 1, "tt0000001", "Silent", 2020, 50, 10, PredictionStatus.FuturePrediction, null,
        [
            new CategoryBreakdown("popular_opinion", null, 0.25, 0, 0),
            new CategoryBreakdown("industry_recognition", 60, 0.25, 0.5, 30),
            new CategoryBreakdown("cultural_impact", 40, 0.25, 0.5, 20),
            new CategoryBreakdown("people_quality", null, 0.25, 0, 0),
        ]);

        WhatIfRanking.ScoresOf(entry).Should().Be(new CategoryScores(null, 0.6, 0.4, null));
        WhatIfRanking.Rerank([entry], new CategoryWeights(0.7, 0.1, 0.1, 0.1)).Single().TotalScore.Should().BeApproximately(50, 1e-9);
    }
}
