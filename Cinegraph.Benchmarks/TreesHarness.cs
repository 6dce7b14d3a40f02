using System.Diagnostics;
using System.Globalization;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Benchmarks.Learned;
using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Benchmarks;

/// <summary>
/// <c>-- learned-trees [trees:depth:rate:minleaf[:penalty[:bins]]] …</c> (issue 10): gradient-boosted trees
/// (<see cref="BoostedTrees"/>) over the learned profile's features, held out exactly as the validation report holds
/// out the learned profile (each completed decade ranked by a model fitted without its labels; each backtest step by a
/// model fitted on the edition it starts from, films released since that edition first), next to the logistic
/// regression it replaced, fitted in the same process. Prints micro recall, the 2000s and 2010s, the backtest per step
/// and the fit times of the logistic model, of the learned profile's own fit and of every setting given.
/// </summary>
internal static class TreesHarness
{
    public static int Run(string[] settings)
    {
        var snapshot = FeatureSnapshotLoader.FromBundle(BundleReader.Read(BenchmarkPaths.BundleFolder()), dataVersion: 1);
        var predictor = new MoviePredictor(snapshot);
        var matrix = predictor.Matrix;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{snapshot.Movies.Count} films, editions {string.Join(" ", snapshot.Editions)}, {matrix.Keys.Length} features, {matrix.Rows.Sum(r => r.Columns.Length)} non-zero values; {Environment.ProcessorCount} cores"));
        var fits = Fits(snapshot, matrix);

        // The reference: the logistic regression the learned profile used before the trees (L2 300, every fit from
        // zero), fitted twice; the second, warmed fit's time is the one the trees are compared with.
        Dictionary<(string, int), Func<SparseRow, double>> Logistic() => fits.ToDictionary(
            f => (f.Kind, f.Key),
            f =>
            {
                var fit = LogisticRegression.Fit([.. f.Rows.Select(r => matrix.Rows[r])], f.Labels, f.Groups, f.Groups.DefaultIfEmpty(-1).Max() + 1, matrix.Keys.Length, 300);
                return (Func<SparseRow, double>)(row => row.Columns.Select((c, k) => fit.Coefficients[c] * row.Values[k]).Sum());
            });
        Logistic();
        var watch = Stopwatch.StartNew();
        var cpu = Cpu();
        var logistic = Logistic();
        var logisticTime = watch.Elapsed.TotalSeconds;
        var logisticCpu = Cpu() - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logistic L2 300: fit {logisticTime:F2} s (CPU {logisticCpu:F2} s); {Evaluate(snapshot, matrix, d => logistic[("decade", d)], e => logistic.GetValueOrDefault(("edition", e)) ?? logistic[("full", 0)])}"));

        // The learned profile's own fit (LearnedModels.Options), then each setting asked for.
        LearnedModels.Fit(snapshot, matrix);
        watch.Restart();
        cpu = Cpu();
        var learned = LearnedModels.Fit(snapshot, matrix);
        var learnedTime = watch.Elapsed.TotalSeconds;
        var learnedCpu = Cpu() - cpu;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"learned profile ({Describe(LearnedModels.Options)}): fit {learnedTime:F2} s (CPU {learnedCpu:F2} s), ratio to logistic {learnedTime / logisticTime:F2} (CPU {learnedCpu / logisticCpu:F2}); {Evaluate(snapshot, matrix, d => learned.ForDecade(d).Total, e => learned.ForEdition(e).Total)}"));
        foreach (var option in settings.Select(Parse))
        {
            watch.Restart();
            var bins = new TreeBins(matrix.Rows, matrix.Keys.Length, option.MaxBins);
            var trees = new RegressionTree[fits.Count][];
            Parallel.For(0, fits.Count, i => trees[i] = BoostedTrees.Fit(bins, fits[i].Rows, fits[i].Labels, fits[i].Groups, fits[i].Groups.DefaultIfEmpty(-1).Max() + 1, option));
            var fitTime = watch.Elapsed.TotalSeconds;
            var scorers = fits.Select((f, i) => (f.Kind, f.Key, Score: (Func<SparseRow, double>)new LearnedModel(matrix.Keys, trees[i], 0, null, 0, 0).Total)).ToDictionary(f => (f.Kind, f.Key), f => f.Score);
            var figures = Evaluate(snapshot, matrix, d => scorers[("decade", d)], e => scorers.GetValueOrDefault(("edition", e)) ?? scorers[("full", 0)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Describe(option)}: fit {fitTime:F2} s, ratio to logistic {fitTime / logisticTime:F2}; {figures}"));
        }

        return 0;
    }

    // CPU seconds of the whole process: on a shared machine less noisy than wall time.
    private static double Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static string Describe(TreeOptions o) => string.Create(
        CultureInfo.InvariantCulture, $"trees {o.Trees} depth {o.Depth} rate {o.LearningRate} min leaf {o.MinLeaf} penalty {o.LeafPenalty} bins {o.MaxBins}");

    private static TreeOptions Parse(string text)
    {
        var parts = text.Split(':');
        double At(int i, double fallback) => parts.Length > i ? double.Parse(parts[i], CultureInfo.InvariantCulture) : fallback;
        return new TreeOptions((int)At(0, 200), (int)At(1, 3), At(2, 0.1), (int)At(3, 20), At(4, 1.0), (int)At(5, 64));
    }

    // The same training sets as LearnedModels.Fit: one per older edition (films up to its year), one on every completed
    // decade, one per completed decade without it; a decade whose films share one label is left out of a fit.
    private static List<(string Kind, int Key, int[] Rows, bool[] Labels, int[] Groups)> Fits(FeatureSnapshot snapshot, FeatureMatrix matrix)
    {
        var newest = snapshot.NewestEdition ?? 0;
        var completed = MoviePredictor.CompletedDecades;
        var fits = new List<(string Kind, int Key, int Edition, Func<MovieFeatures, bool> Include)>();
        foreach (var edition in snapshot.Editions.Where(e => e != newest))
        {
            fits.Add(("edition", edition, edition, m => m.Year <= edition));
        }

        fits.Add(("full", 0, newest, m => completed.Contains(m.Decade)));
        foreach (var decade in completed)
        {
            fits.Add(("decade", decade, newest, m => m.Decade != decade && completed.Contains(m.Decade)));
        }

        return [.. fits.Select(f =>
        {
            var movies = snapshot.Movies.Where(f.Include).GroupBy(m => m.Decade)
                .Where(g => g.Any(m => snapshot.IsOnEdition(m.MovieId, f.Edition)) && !g.All(m => snapshot.IsOnEdition(m.MovieId, f.Edition)))
                .SelectMany(g => g).ToArray();
            var decades = movies.Select(m => m.Decade).Distinct().Order().ToArray();
            return (
                f.Kind,
                f.Key,
                movies.Select(m => matrix.IndexOf(m.MovieId)).ToArray(),
                movies.Select(m => snapshot.IsOnEdition(m.MovieId, f.Edition)).ToArray(),
                movies.Select(m => Array.IndexOf(decades, m.Decade)).ToArray());
        })];
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
