using System.Diagnostics;
using System.Globalization;
using Cinegraph.Benchmarks.Load;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;
using Cinegraph.Core.Validation;

namespace Cinegraph.Benchmarks;

/// <summary>
/// <c>-- learned-refresh &lt;copies&gt;</c> (issue 10): the calculation of a refresh (11 decades, validation, backtest)
/// for Balanced and for Learned with its fit, side by side in one process, over the real bundle written
/// <c>copies</c>× by <see cref="ScaledBundle"/> (1 = the real bundle). Rounds alternate the two; the database writes
/// of a refresh are the same for both profiles and are not part of this measure.
/// </summary>
internal static class LearnedRefreshMeasure
{
    public static int Run(int copies, int rounds)
    {
        var folder = BenchmarkPaths.BundleFolder();
        string? scaled = null;
        if (copies > 1)
        {
            scaled = Directory.CreateTempSubdirectory("cinegraph-learned-bench-").FullName;
            ScaledBundle.Write(folder, scaled, copies);
            folder = scaled;
        }

        try
        {
            var snapshot = FeatureSnapshotLoader.FromBundle(BundleReader.Read(folder), dataVersion: 1);
            var balanced = ScoringProfile.From(SystemProfiles.Create().Single(p => p.Name == "Balanced"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{snapshot.Movies.Count} films; {Environment.ProcessorCount} cores"));
            var balancedTimes = new List<double>();
            var learnedTimes = new List<double>();
            var fitTimes = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var balancedFigures = "";
                balancedTimes.Add(Measure(() => balancedFigures = Calculate(new MoviePredictor(snapshot), balanced)));
                double fit = 0;
                double matrixTime = 0;
                var figures = "";
                learnedTimes.Add(Measure(() =>
                {
                    var predictor = new MoviePredictor(snapshot);
                    var watch = Stopwatch.StartNew();
                    var matrix = predictor.Matrix;
                    matrixTime = watch.Elapsed.TotalSeconds;
                    var models = LearnedModels.Fit(snapshot, matrix);
                    fit = watch.Elapsed.TotalSeconds;
                    var learned = ScoringProfile.From(SystemProfiles.Create().Single(p => p.Kind == ProfileKinds.Learned), models);
                    figures = Calculate(predictor, learned);
                }));
                fitTimes.Add(fit);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"round {round + 1}: Balanced {balancedTimes[^1]:F2} s {balancedFigures[..balancedFigures.IndexOf(']')]}], Learned {learnedTimes[^1]:F2} s (fit and feature matrix {fitTimes[^1]:F2} s, of which matrix {matrixTime:F2} s), ratio {learnedTimes[^1] / balancedTimes[^1]:F2}; Learned {figures}"));
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"median: Balanced {Median(balancedTimes):F2} s, Learned {Median(learnedTimes):F2} s (fit {Median(fitTimes):F2} s), ratio {Median(learnedTimes) / Median(balancedTimes):F2}"));
            return 0;
        }
        finally
        {
            if (scaled is not null)
            {
                Directory.Delete(scaled, recursive: true);
            }
        }
    }

    // What RefreshCalculation computes for one profile: every decade, the validation and the backtest.
    // The held-out figures are printed so a change of the fit shows whether they moved.
    private static string Calculate(MoviePredictor predictor, ScoringProfile profile)
    {
        var watch = Stopwatch.StartNew();
        foreach (var decade in MoviePredictor.Decades)
        {
            predictor.PredictDecade(decade, profile, MoviePredictor.DefaultLimit);
        }

        var decades = watch.Elapsed.TotalSeconds;
        var validator = new HistoricalValidator(predictor);
        var validation = validator.Validate(profile);
        var validated = watch.Elapsed.TotalSeconds;
        var backtest = validator.BacktestEditions(profile, RefreshCalculation.BacktestBaseEdition);
        var backtested = watch.Elapsed.TotalSeconds;
        var recent = validation.Decades.Where(d => d.Decade >= 2000).ToArray();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[decades {decades:F2} s, validation {validated - decades:F2} s, backtest {backtested - validated:F2} s] " +
            $"micro {validation.Decades.Sum(d => d.Hits)}/{validation.Decades.Sum(d => d.OnList)} ({validation.MicroAccuracy:F1} %), 2000s+2010s {recent.Sum(d => d.Hits)}/{recent.Sum(d => d.OnList)}, " +
            $"backtest {backtest.Hits}/{backtest.Added} ({string.Join(", ", backtest.Steps.Select(s => $"{s.Hits}/{s.Added}"))})");
    }

    private static double Measure(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
