using Cinegraph.Core.Catalog;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;
using Cinegraph.Core.Validation;

namespace Cinegraph.Tests.Validation;

/// <summary>Item 5 of issue 10: likelihoods calibrated out of sample, and the reliability table per profile.</summary>
public sealed class ReliabilityTests
{
    [Fact]
    public void ADecadesLikelihoodsDoNotDependOnItsOwnLabels()
    {
        var data = DemoCatalogue.Generate(1500, 7);
        var years = data.Movies.ToDictionary(m => m.ImdbId, m => m.Year);
        var without = data with
        {
            Memberships = [.. data.Memberships.Where(m => !(m.ListKey == CanonicalList.TargetKey && years[m.ImdbId] / 10 * 10 == 1990))],
        };
        var balanced = ScoringProfile.Custom(CategoryWeights.Balanced);

        var with = Nineties(new MoviePredictor(FeatureSnapshotLoader.FromBundle(data, 1)), balanced);
        var withoutLabels = Nineties(new MoviePredictor(FeatureSnapshotLoader.FromBundle(without, 1)), balanced);

        withoutLabels.Select(p => p.Likelihood).Should().Equal(with.Select(p => p.Likelihood));
        with.Should().Contain(p => p.Member, "the test removes real labels");
    }

    [Fact]
    public void EveryProfileGetsBandsCoveringEveryFilmOfTheCompletedDecades()
    {
        var predictor = new MoviePredictor(FeatureSnapshotLoader.FromBundle(DemoCatalogue.Generate(1200, 5), 1));
        var models = LearnedModels.Fit(predictor.Snapshot, predictor.Matrix);
        var validator = new HistoricalValidator(predictor);
        foreach (var profile in SystemProfiles.Create())
        {
            var validation = validator.Validate(ScoringProfile.From(profile, models));
            validation.Reliability.Should().HaveCount(Reliability.Edges.Count - 1);
            validation.Reliability.Sum(b => b.Films).Should().Be(validation.Decades.Sum(d => d.Candidates));
            validation.Reliability.Sum(b => b.OnList).Should().Be(validation.Decades.Sum(d => d.OnList));
            validation.Reliability.Where(b => b.Films > 0).Should().OnlyContain(b => b.MeanPredictedPercent >= b.From && b.MeanPredictedPercent <= b.To);
        }
    }

    [Fact]
    public void BandsHoldTheirLowerEdgeAndTheLastHoldsAHundred()
    {
        var bands = Reliability.Bands([(0, false), (1, true), (99.9, true), (100, false), (4.99, false)]);

        bands[0].Films.Should().Be(1);
        bands.Single(b => b.From == 1).Films.Should().Be(1);
        bands.Single(b => b.From == 2).Films.Should().Be(1);
        bands[^1].Films.Should().Be(2);
        bands[^1].ObservedPercent.Should().Be(50);
        bands[^1].MeanPredictedPercent.Should().BeApproximately(99.95, 1e-9);
    }

    private static (double Likelihood, bool Member)[] Nineties(MoviePredictor predictor, ScoringProfile profile)
    {
        var nineties = predictor.Snapshot.InDecade(1990).Select(m => m.MovieId).ToHashSet();
        return [.. Reliability.Predictions(predictor, profile).Where(p => nineties.Contains(p.MovieId)).OrderBy(p => p.MovieId).Select(p => (p.Likelihood, p.Member))];
    }
}
