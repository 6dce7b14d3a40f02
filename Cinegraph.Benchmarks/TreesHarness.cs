using System.Diagnostics;
using System.Globalization;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Benchmarks;

/// <summary>
/// <c>-- learned-trees [trees:depth:rate:minleaf[:penalty[:bins]]] …</c> (issue 10): gradient-boosted trees
/// (<see cref="BoostedTrees"/>) over the learned profile's features, held out exactly as the validation report holds
/// out the learned profile (each completed decade ranked by a model fitted without its labels; each backtest step by a
/// model fitted on the edition it starts from, films released since that edition first), next to the logistic model
/// fitted in the same process. Prints micro recall, the 2000s and 2010s, the backtest per step and the fit times.
/// </summary>
internal static class TreesHarness
{
    public static int Run(string[] settings)
    {
        var snapshot = FeatureSnapshotLoader.FromBundle(BundleReader.Read(BenchmarkPaths.BundleFolder()), dataVersion: 1);
        var predictor = new MoviePredictor(snapshot);
        var matrix = predictor.Matrix;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{snapshot.Movies.Count} films, editions {string.Join(" ", snapshot.Editions)}, {matrix.Keys.Length} features, {matrix.Rows.Sum(r => r.Columns.Length)} non-zero values; {Environment.ProcessorCount} cores"));

        // Fitted twice: the second, warmed fit is the reference the trees' fit time is compared with.
        LearnedModels.Fit(snapshot, matrix);
        var watch = Stopwatch.StartNew();
        var logistic = LearnedModels.Fit(snapshot, matrix);
        var logisticTime = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logistic L2 {LearnedModels.Penalty}: fit {logisticTime:F2} s; {Evaluate(snapshot, matrix, d => logistic.ForDecade(d).Total, e => logistic.ForEdition(e).Total)}"));

        var options = settings.Length > 0 ? settings.Select(Parse).ToArray() : [new TreeOptions(200, 3, 0.1, 20)];
        foreach (var option in options)
        {
            watch.Restart();
            var bins = new TreeBins(matrix.Rows, matrix.Keys.Length, option.MaxBins);
            var binTime = watch.Elapsed.TotalSeconds;
            var (full, heldOut, byEdition) = FitAll(snapshot, matrix, bins, option);
            var fitTime = watch.Elapsed.TotalSeconds;
            Func<SparseRow, double> Scorer(RegressionTree[] trees) => row => trees.Sum(t => t.Value[t.LeafOf(row)]);
            var figures = Evaluate(
                snapshot,
                matrix,
                d => Scorer(heldOut.GetValueOrDefault(d) ?? full),
                e => Scorer(byEdition.GetValueOrDefault(e) ?? full));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"trees {option.Trees} depth {option.Depth} rate {option.LearningRate} min leaf {option.MinLeaf} penalty {option.LeafPenalty} bins {option.MaxBins}: fit {fitTime:F2} s (bins {binTime:F2} s), ratio to logistic {fitTime / logisticTime:F2}; {figures}"));
        }

        return 0;
    }

    private static TreeOptions Parse(string text)
    {
        var parts = text.Split(':');
        double At(int i, double fallback) => parts.Length > i ? double.Parse(parts[i], CultureInfo.InvariantCulture) : fallback;
        return new TreeOptions((int)At(0, 200), (int)At(1, 3), At(2, 0.1), (int)At(3, 20), At(4, 1.0), (int)At(5, 64));
    }

    // The same models as LearnedModels.Fit: one per older edition (films up to its year), one per completed decade without
    // it, one on every completed decade; a decade whose films share one label is left out of a fit.
    private static (RegressionTree[] Full, Dictionary<int, RegressionTree[]> HeldOut, Dictionary<int, RegressionTree[]> ByEdition) FitAll(
        FeatureSnapshot snapshot, FeatureMatrix matrix, TreeBins bins, TreeOptions options)
    {
        var newest = snapshot.NewestEdition ?? 0;
        var completed = MoviePredictor.CompletedDecades;
        var jobs = new List<(string Kind, int Key, int Edition, Func<MovieFeatures, bool> Include)>();
        foreach (var edition in snapshot.Editions.Where(e => e != newest))
        {
            jobs.Add(("edition", edition, edition, m => m.Year <= edition));
        }

        jobs.Add(("full", 0, newest, m => completed.Contains(m.Decade)));
        foreach (var decade in completed)
        {
            jobs.Add(("decade", decade, newest, m => m.Decade != decade && completed.Contains(m.Decade)));
        }

        var fitted = new RegressionTree[jobs.Count][];
        Parallel.For(0, jobs.Count, j => fitted[j] = FitOne(snapshot, matrix, bins, jobs[j].Edition, jobs[j].Include, options));
        var heldOut = new Dictionary<int, RegressionTree[]>();
        var byEdition = new Dictionary<int, RegressionTree[]>();
        RegressionTree[] full = [];
        for (var j = 0; j < jobs.Count; j++)
        {
            switch (jobs[j].Kind)
            {
                case "edition": byEdition[jobs[j].Key] = fitted[j]; break;
                case "decade": heldOut[jobs[j].Key] = fitted[j]; break;
                default: full = fitted[j]; break;
            }
        }

        return (full, heldOut, byEdition);
    }

    private static RegressionTree[] FitOne(FeatureSnapshot snapshot, FeatureMatrix matrix, TreeBins bins, int edition, Func<MovieFeatures, bool> include, TreeOptions options)
    {
        var movies = snapshot.Movies.Where(include).GroupBy(m => m.Decade)
            .Where(g => g.Any(m => snapshot.IsOnEdition(m.MovieId, edition)) && !g.All(m => snapshot.IsOnEdition(m.MovieId, edition)))
            .SelectMany(g => g).ToArray();
        var rows = movies.Select(m => matrix.IndexOf(m.MovieId)).ToArray();
        var labels = movies.Select(m => snapshot.IsOnEdition(m.MovieId, edition)).ToArray();
        var decades = movies.Select(m => m.Decade).Distinct().Order().ToArray();
        var groups = movies.Select(m => Array.IndexOf(decades, m.Decade)).ToArray();
        return BoostedTrees.Fit(bins, rows, labels, groups, decades.Length, options);
    }

    /// <summary>The report's held-out figures for a model per decade and per edition (HistoricalValidator's rules).</summary>
    private static string Evaluate(FeatureSnapshot snapshot, FeatureMatrix matrix, Func<int, Func<SparseRow, double>> forDecade, Func<int, Func<SparseRow, double>> forEdition)
    {
        List<MovieFeatures> Ranked(IEnumerable<MovieFeatures> movies, Func<SparseRow, double> score) =>
        [
            .. movies.Select(m => (Movie: m, Total: score(matrix.RowOf(m.MovieId))))
                .Order(Comparer<(MovieFeatures Movie, double Total)>.Create((x, y) => RankingOrder.Compare(x.Total, x.Movie.ImdbVotes, x.Movie.ImdbId, y.Total, y.Movie.ImdbVotes, y.Movie.ImdbId)))
                .Select(p => p.Movie),
        ];

        int hits = 0, onList = 0, recentHits = 0, recentOnList = 0;
        foreach (var decade in MoviePredictor.CompletedDecades)
        {
            var ranked = Ranked(snapshot.InDecade(decade), forDecade(decade));
            var n = ranked.Count(m => snapshot.IsOnNewestEdition(m.MovieId));
            var h = ranked.Take(n).Count(m => snapshot.IsOnNewestEdition(m.MovieId));
            hits += h;
            onList += n;
            if (decade >= 2000)
            {
                recentHits += h;
                recentOnList += n;
            }
        }

        (int Hits, int Added) Step(int from, int[] later)
        {
            var pool = snapshot.Movies.Where(m => m.Year <= later[^1] && !snapshot.IsOnEdition(m.MovieId, from));
            var ranked = Ranked(pool, forEdition(from));
            ranked = [.. ranked.Where(m => m.Year >= from), .. ranked.Where(m => m.Year < from)];
            var added = ranked.Select((m, i) => (m, i)).Where(p => later.Any(e => snapshot.IsOnEdition(p.m.MovieId, e))).ToArray();
            return (added.Count(p => p.i < added.Length), added.Length);
        }

        var baseEdition = RefreshCalculation.BacktestBaseEdition;
        var laterEditions = snapshot.Editions.Where(e => e > baseEdition).ToArray();
        var total = Step(baseEdition, laterEditions);
        var steps = new List<string>();
        var previous = baseEdition;
        foreach (var edition in laterEditions)
        {
            var step = Step(previous, [edition]);
            steps.Add($"{step.Hits}/{step.Added}");
            previous = edition;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"micro {hits}/{onList} ({100.0 * hits / onList:F1} %), 2000s+2010s {recentHits}/{recentOnList}, backtest {total.Hits}/{total.Added} ({string.Join(", ", steps)})");
    }
}
