namespace Cinegraph.Core.Scoring.Learned;

/// <summary>One feature's share of a film's learned score, in score points (they add up to the total).</summary>
public sealed record FeatureContribution(string Key, string Name, string Category, double Points);

/// <summary>
/// One fitted model: gradient-boosted trees (<see cref="BoostedTrees"/>) whose leaf values, summed, rank films. The
/// score maps that sum linearly onto 0–100 between the lowest and the highest sum the trees allow (every tree's lowest
/// leaf, every tree's highest). A film's points per feature add up to its score: in each tree, a split raises the
/// lowest leaf the film can still reach (its floor) from the tree's lowest leaf to the film's own leaf, and each split's
/// rise counts for the split's feature. <paramref name="HeldOutDecade"/> is the decade whose labels the model never saw
/// (null for models fitted on every completed decade).
/// </summary>
public sealed record LearnedModel(
    string[] Keys,
    RegressionTree[] Trees,
    int LabelEdition,
    int? HeldOutDecade,
    int Samples,
    int Positives)
{
    private double[]? _ranges;
    private LeafSums? _range;

    public double Total(SparseRow row)
    {
        var (lowest, span) = Bounds();

        Span<double> values = stackalloc double[Keys.Length];
        Spread(row, values);
        var sum = 0.0;
        foreach (var tree in Trees)
        {
            sum += tree.Value[tree.LeafOf(values)];
        }

        return span <= 0 ? 0 : Math.Clamp(100 * (sum - lowest) / span, 0, 100);
    }

    /// <summary>Each feature's points (0 for features that add nothing), in column order; they sum to <see cref="Total"/>.</summary>
    public double[] Contributions(SparseRow row)
    {
        var span = Bounds().Span;
        var points = new double[Keys.Length];
        Span<double> values = stackalloc double[Keys.Length];
        Spread(row, values);
        foreach (var tree in Trees)
        {
            var floor = tree.Floors();
            var node = 0;
            while (tree.Feature[node] >= 0)
            {
                var next = values[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
                points[tree.Feature[node]] += floor[next] - floor[node];
                node = next;
            }
        }

        for (var c = 0; c < Keys.Length; c++)
        {
            points[c] = span <= 0 ? 0 : 100 * points[c] / span;
        }

        return points;
    }

    /// <summary>
    /// How many score points each feature can add at most: per tree, the largest rise its splits give along any path,
    /// summed over the trees. Together they can exceed 100 (no film takes every tree's best path for every feature).
    /// Computed once, not to be changed.
    /// </summary>
    public double[] Ranges()
    {
        if (_ranges is null)
        {
            var span = Bounds().Span;
            var ranges = new double[Keys.Length];
            var best = new double[Keys.Length];
            foreach (var tree in Trees)
            {
                Array.Clear(best);
                var floor = tree.Floors();
                void Walk(int node, Dictionary<int, double> rise)
                {
                    if (tree.Feature[node] < 0)
                    {
                        foreach (var (feature, points) in rise)
                        {
                            best[feature] = Math.Max(best[feature], points);
                        }

                        return;
                    }

                    foreach (var child in new[] { tree.Left[node], tree.Right[node] })
                    {
                        var next = new Dictionary<int, double>(rise);
                        next[tree.Feature[node]] = next.GetValueOrDefault(tree.Feature[node]) + floor[child] - floor[node];
                        Walk(child, next);
                    }
                }

                Walk(0, []);
                for (var c = 0; c < Keys.Length; c++)
                {
                    ranges[c] += span <= 0 ? 0 : 100 * best[c] / span;
                }
            }

            _ranges = ranges;
        }

        return _ranges;
    }

    // The lowest and the highest sum of leaves the trees allow, computed once (one object, so a reader on another thread
    // sees both or neither).
    private LeafSums Bounds()
    {
        if (_range is null)
        {
            var lowest = Trees.Sum(t => t.Floors()[0]);
            var highest = Trees.Sum(t => t.Value.Where((_, node) => t.Feature[node] < 0).Max());
            _range = new LeafSums(lowest, highest - lowest);
        }

        return _range;
    }

    /// <summary>
    /// The film's sparse row spread out over every column (absent ones 0; a few hundred bytes on the stack), so each
    /// split reads its value by index instead of searching the row: scoring every film several times per refresh is
    /// most of a learned refresh's time after the fit.
    /// </summary>
    private static void Spread(SparseRow row, Span<double> values)
    {
        for (var k = 0; k < row.Columns.Length; k++)
        {
            values[row.Columns[k]] = row.Values[k];
        }
    }

    private sealed record LeafSums(double Lowest, double Span);
}
