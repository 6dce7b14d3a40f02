using Cinegraph.Core.Catalog;
using Cinegraph.Core.Scoring;
using Cinegraph.Benchmarks.Learned;
using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Tests.Benchmarks;

/// <summary>The learned profile's Newton fit: where it starts changes the steps, not the optimum.</summary>
public sealed class LogisticRegressionTests
{
    private static (SparseRow[] Rows, bool[] Labels, int[] Groups, int Columns) Demo()
    {
        var predictor = new MoviePredictor(FeatureSnapshotLoader.FromBundle(DemoCatalogue.Generate(1500, 11), dataVersion: 1));
        var movies = predictor.Snapshot.Movies.Where(m => m.Decade is >= 1950 and <= 2010).ToArray();
        var decades = movies.Select(m => m.Decade).Distinct().Order().ToArray();
        return (
            [.. movies.Select(m => predictor.Matrix.RowOf(m.MovieId))],
            [.. movies.Select(m => predictor.Snapshot.IsOnNewestEdition(m.MovieId))],
            [.. movies.Select(m => Array.IndexOf(decades, m.Decade))],
            predictor.Matrix.Keys.Length);
    }

    [Fact]
    public void AFitStartedFromAnotherFitReachesTheSameCoefficientsInFewerSteps()
    {
        var (rows, labels, groups, columns) = Demo();
        var groupCount = groups.Max() + 1;
        var fromZero = LogisticRegression.Fit(rows, labels, groups, groupCount, columns, 300);
        // A nearby start: the fit of the same rows with every tenth label flipped off.
        var nearby = LogisticRegression.Fit(rows, [.. labels.Select((l, i) => l && i % 10 != 0)], groups, groupCount, columns, 300);

        var warm = LogisticRegression.Fit(rows, labels, groups, groupCount, columns, 300, nearby);

        warm.Iterations.Should().BeLessThan(fromZero.Iterations);
        warm.Coefficients.Zip(fromZero.Coefficients).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-6);
        warm.Intercepts.Zip(fromZero.Intercepts).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-6);
    }

    [Fact]
    public void AStartFromWhichNewtonDivergesFallsBackToZero()
    {
        var (rows, labels, groups, columns) = Demo();
        var groupCount = groups.Max() + 1;
        var fromZero = LogisticRegression.Fit(rows, labels, groups, groupCount, columns, 300);
        var far = new LogisticFit([.. Enumerable.Repeat(40.0, groupCount)], [.. Enumerable.Repeat(25.0, columns)], 0);

        var fit = LogisticRegression.Fit(rows, labels, groups, groupCount, columns, 300, far);

        fit.Coefficients.Should().Equal(fromZero.Coefficients);
        fit.Intercepts.Should().Equal(fromZero.Intercepts);
    }

    [Fact]
    public void TheSameRowsGiveTheSameCoefficientsBitForBit()
    {
        var (rows, labels, groups, columns) = Demo();

        var first = LogisticRegression.Fit(rows, labels, groups, groups.Max() + 1, columns, 300);
        var second = LogisticRegression.Fit(rows, labels, groups, groups.Max() + 1, columns, 300);

        first.Coefficients.Should().Equal(second.Coefficients);
        first.Intercepts.Should().Equal(second.Intercepts);
    }
}
