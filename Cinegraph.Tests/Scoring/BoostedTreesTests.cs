using Cinegraph.Core.Catalog;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Tests.Scoring;

/// <summary>The learned profile's trees: they find the feature that decides the label, and a film's points add up to its score.</summary>
public sealed class BoostedTreesTests
{
    [Fact]
    public void TheFirstSplitIsOnTheFeatureThatDecidesTheLabel()
    {
        // Column 1 is noise, column 0 decides: on the list exactly when it is above 0.5.
        var rows = Enumerable.Range(0, 400)
            .Select(i => new SparseRow([0, 1], [(i % 100) / 100.0 + 0.005, ((i * 37) % 100) / 100.0 + 0.005]))
            .ToArray();
        var labels = rows.Select(r => r.Values[0] > 0.5).ToArray();
        var bins = new TreeBins(rows, columns: 2, maxBins: 64);

        var trees = BoostedTrees.Fit(bins, [.. Enumerable.Range(0, rows.Length)], labels, new int[rows.Length], 1, new TreeOptions(5, 2, 0.3, 5));

        trees[0].Feature[0].Should().Be(0);
        trees[0].Threshold[0].Should().BeApproximately(0.5, 0.02);
        var model = new LearnedModel(["decides", "noise"], trees, 2024, null, rows.Length, labels.Count(l => l));
        var onList = rows.Where((_, i) => labels[i]).Min(model.Total);
        var offList = rows.Where((_, i) => !labels[i]).Max(model.Total);
        onList.Should().BeGreaterThan(offList);
    }

    [Fact]
    public void EveryFeaturesPointsAreNonNegativeAndAddUpToTheScore()
    {
        var predictor = new MoviePredictor(FeatureSnapshotLoader.FromBundle(DemoCatalogue.Generate(1200, 3), dataVersion: 1));
        var models = LearnedModels.Fit(predictor.Snapshot, predictor.Matrix);

        foreach (var model in models.HeldOut.Values.Append(models.Full))
        {
            model.Trees.Should().HaveCount(LearnedModels.Options.Trees);
            foreach (var row in predictor.Matrix.Rows)
            {
                var points = model.Contributions(row);
                points.Should().OnlyContain(p => p >= -1e-9);
                points.Sum().Should().BeApproximately(model.Total(row), 1e-9);
            }
        }
    }

    [Fact]
    public void AStoredFitReadingOtherColumnsThanThisBuildIsRefusedNotScoredMisaligned()
    {
        var leaf = new RegressionTree([-1], [0], [-1], [-1], [0]);
        var model = new LearnedModel(["rating", "votes"], [leaf], 2024, null, 10, 2);
        var models = new LearnedModels(1, model, new Dictionary<int, LearnedModel> { [1990] = model with { HeldOutDecade = 1990 } }, new Dictionary<int, LearnedModel>());

        models.Invoking(m => m.EnsureColumns(["rating", "votes"])).Should().NotThrow();
        models.Invoking(m => m.EnsureColumns(["rating", "letterboxd"])).Should().Throw<InvalidOperationException>().WithMessage("*FitVersion*");
        models.Invoking(m => m.EnsureColumns(["rating", "votes", "letterboxd"])).Should().Throw<InvalidOperationException>();
    }
}
