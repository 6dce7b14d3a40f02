namespace Cinegraph.Core.Scoring.Learned;

/// <summary>The settings of one gradient-boosted tree fit.</summary>
public sealed record TreeOptions(int Trees, int Depth, double LearningRate, int MinLeaf, double LeafPenalty = 1.0, int MaxBins = 64);

/// <summary>
/// One regression tree in arrays, node 0 the root. An internal node sends a film left when its value of
/// <see cref="Feature"/> is at most <see cref="Threshold"/> (an absent value is 0); a leaf has feature −1.
/// <see cref="Value"/> is what each node would add as a leaf (its Newton step, shrunk), so the change of value along a
/// film's path, summed per split feature, adds up to its leaf's value minus the root's.
/// </summary>
public sealed record RegressionTree(int[] Feature, double[] Threshold, int[] Left, int[] Right, double[] Value)
{
    private double[]? _floors;

    public int LeafOf(SparseRow row)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            node = ValueOf(row, Feature[node]) <= Threshold[node] ? Left[node] : Right[node];
        }

        return node;
    }

    /// <summary>Each node's floor: the lowest leaf value under it (a leaf's own value). Computed once, not to be changed.</summary>
    public double[] Floors()
    {
        if (_floors is null)
        {
            var floors = new double[Feature.Length];
            for (var node = Feature.Length - 1; node >= 0; node--)
            {
                // Children are added after their parent, so they are done first.
                floors[node] = Feature[node] < 0 ? Value[node] : Math.Min(floors[Left[node]], floors[Right[node]]);
            }

            _floors = floors;
        }

        return _floors;
    }

    public static double ValueOf(SparseRow row, int column)
    {
        var k = Array.BinarySearch(row.Columns, column);
        return k >= 0 ? row.Values[k] : 0;
    }
}

/// <summary>
/// Each column's split points, chosen once from the feature values of every film (no labels): up to
/// <see cref="TreeOptions.MaxBins"/> bins at the values' quantiles, and each film's non-zero values as bin numbers.
/// </summary>
public sealed class TreeBins
{
    public TreeBins(IReadOnlyList<SparseRow> rows, int columns, int maxBins)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Columns = columns;
        var valuesOf = new List<double>[columns];
        for (var c = 0; c < columns; c++)
        {
            valuesOf[c] = [];
        }

        foreach (var row in rows)
        {
            for (var k = 0; k < row.Columns.Length; k++)
            {
                if (row.Values[k] != 0)
                {
                    valuesOf[row.Columns[k]].Add(row.Values[k]);
                }
            }
        }

        Thresholds = new double[columns][];
        ZeroBin = new byte[columns];
        for (var c = 0; c < columns; c++)
        {
            var values = valuesOf[c];
            values.Sort();
            var negatives = values.FindIndex(v => v > 0) is var firstPositive and >= 0 ? firstPositive : values.Count;
            values.InsertRange(negatives, Enumerable.Repeat(0.0, rows.Count - values.Count)); // absent values are 0
            Thresholds[c] = Cuts(values, maxBins);
            ZeroBin[c] = BinOf(c, 0);
        }

        Starts = new int[rows.Count + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            Starts[i + 1] = Starts[i] + rows[i].Columns.Length;
        }

        Cols = new int[Starts[^1]];
        Bins = new byte[Starts[^1]];
        ByColumn = new byte[columns][];
        for (var c = 0; c < columns; c++)
        {
            ByColumn[c] = new byte[rows.Count];
            Array.Fill(ByColumn[c], ZeroBin[c]);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            for (var k = 0; k < rows[i].Columns.Length; k++)
            {
                Cols[Starts[i] + k] = rows[i].Columns[k];
                Bins[Starts[i] + k] = BinOf(rows[i].Columns[k], rows[i].Values[k]);
                ByColumn[rows[i].Columns[k]][i] = Bins[Starts[i] + k];
            }
        }
    }

    /// <summary>Every row's bin per column (column first), for sending rows down a split.</summary>
    public byte[][] ByColumn { get; }

    public int Columns { get; }

    /// <summary>Each column's ascending split points; bin b holds the values above split b − 1 and at most split b.</summary>
    public double[][] Thresholds { get; }

    public byte[] ZeroBin { get; }

    /// <summary>Row i's non-zero entries are Cols/Bins[Starts[i]..Starts[i + 1]] (rows as in the feature matrix).</summary>
    public int[] Starts { get; }

    public int[] Cols { get; }

    public byte[] Bins { get; }

    public byte BinOf(int column, double value)
    {
        var cuts = Thresholds[column];
        var lo = 0;
        var hi = cuts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (cuts[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (byte)lo;
    }

    private static double[] Cuts(List<double> sorted, int maxBins)
    {
        var cuts = new List<double>();
        for (var q = 1; q < maxBins; q++)
        {
            var i = (int)((long)sorted.Count * q / maxBins);
            if (i <= 0 || i >= sorted.Count)
            {
                continue;
            }

            // Split between two different values only: the midpoint below the first value that reaches this quantile.
            var upper = sorted[i];
            var j = sorted.BinarySearch(upper);
            while (j > 0 && sorted[j - 1] == upper)
            {
                j--;
            }

            if (j == 0)
            {
                continue;
            }

            var cut = (sorted[j - 1] + upper) / 2;
            if (cuts.Count == 0 || cut > cuts[^1])
            {
                cuts.Add(cut);
            }
        }

        return [.. cuts];
    }
}

/// <summary>
/// Gradient-boosted regression trees for a 0/1 label (log loss, Newton leaves), grown level by level on pre-binned
/// sparse rows. Each row belongs to a group (a decade) with its own fixed starting log-odds, so the trees learn what
/// sets a film apart within its decade. No randomness and one thread per fit: the same rows give the same trees, bit
/// for bit, on any machine.
/// </summary>
public static class BoostedTrees
{
    /// <summary>
    /// The trees fitted on <paramref name="rows"/> (indices of the binned matrix's rows), each row counting
    /// <paramref name="weights"/>[i] times (1 when not given).
    /// </summary>
    public static RegressionTree[] Fit(TreeBins bins, int[] rows, bool[] labels, int[] groups, int groupCount, TreeOptions options, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        var n = rows.Length;
        var offset = new double[groupCount];
        var positives = new double[groupCount];
        var counts = new double[groupCount];
        for (var i = 0; i < n; i++)
        {
            var w = weights?[i] ?? 1;
            counts[groups[i]] += w;
            positives[groups[i]] += labels[i] ? w : 0;
        }

        for (var g = 0; g < groupCount; g++)
        {
            var rate = Math.Clamp((positives[g] + 0.5) / (counts[g] + 1), 1e-6, 1 - 1e-6);
            offset[g] = Math.Log(rate / (1 - rate));
        }

        var f = new double[n];
        for (var i = 0; i < n; i++)
        {
            f[i] = offset[groups[i]];
        }

        var grower = new Grower(bins, rows, options);
        var trees = new RegressionTree[options.Trees];
        var gradient = new double[n];
        var hessian = new double[n];
        for (var t = 0; t < options.Trees; t++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-f[i]));
                var w = weights?[i] ?? 1;
                gradient[i] = w * (p - (labels[i] ? 1 : 0));
                hessian[i] = w * Math.Max(p * (1 - p), 1e-12);
            }

            var (tree, leafOfRow) = grower.Grow(gradient, hessian);
            trees[t] = tree;
            for (var i = 0; i < n; i++)
            {
                f[i] += tree.Value[leafOfRow[i]];
            }
        }

        return trees;
    }

    /// <summary>Grows one tree; its leaf-of-row buffer is reused from tree to tree.</summary>
    private sealed class Grower(TreeBins bins, int[] rows, TreeOptions options)
    {
        private readonly int _bins = options.MaxBins;
        private readonly int[] _leafOfRow = new int[rows.Length];
        private readonly Stack<Histogram> _free = new();

        public (RegressionTree Tree, int[] LeafOfRow) Grow(double[] gradient, double[] hessian)
        {
            var feature = new List<int>();
            var threshold = new List<double>();
            var left = new List<int>();
            var right = new List<int>();
            var value = new List<double>();
            var members = new List<int[]>();
            var histograms = new List<Histogram?>();
            int NewNode(int[] of, Histogram? histogram)
            {
                double g = 0, h = 0;
                foreach (var i in of)
                {
                    g += gradient[i];
                    h += hessian[i];
                }

                feature.Add(-1);
                threshold.Add(0);
                left.Add(-1);
                right.Add(-1);
                value.Add(-options.LearningRate * g / (h + options.LeafPenalty));
                members.Add(of);
                histograms.Add(histogram);
                return feature.Count - 1;
            }

            var all = Enumerable.Range(0, rows.Length).ToArray();
            var level = new List<int> { NewNode(all, Build(all, gradient, hessian)) };
            for (var depth = 0; depth < options.Depth; depth++)
            {
                var next = new List<int>();
                foreach (var node in level)
                {
                    var of = members[node];
                    var histogram = histograms[node]!;
                    histograms[node] = null;
                    if (of.Length < 2 * options.MinLeaf || BestSplit(histogram, of.Length) is not { } split)
                    {
                        _free.Push(histogram);
                        continue;
                    }

                    var (goesLeft, goesRight) = Partition(of, bins.ByColumn[split.Column], split.Bin);
                    Histogram? leftHistogram = null, rightHistogram = null;
                    if (depth + 1 < options.Depth)
                    {
                        // The smaller child's histogram is summed, the larger one's is the parent's minus it.
                        var smallIsLeft = goesLeft.Length <= goesRight.Length;
                        var small = Build(smallIsLeft ? goesLeft : goesRight, gradient, hessian);
                        histogram.Subtract(small);
                        (leftHistogram, rightHistogram) = smallIsLeft ? (small, histogram) : (histogram, small);
                    }
                    else
                    {
                        _free.Push(histogram);
                    }

                    feature[node] = split.Column;
                    threshold[node] = bins.Thresholds[split.Column][split.Bin];
                    left[node] = NewNode(goesLeft, leftHistogram);
                    right[node] = NewNode(goesRight, rightHistogram);
                    next.Add(left[node]);
                    next.Add(right[node]);
                }

                level = next;
            }

            for (var node = 0; node < feature.Count; node++)
            {
                if (feature[node] < 0)
                {
                    foreach (var i in members[node])
                    {
                        _leafOfRow[i] = node;
                    }
                }
            }

            return (new RegressionTree([.. feature], [.. threshold], [.. left], [.. right], [.. value]), _leafOfRow);
        }

        private (int[] Left, int[] Right) Partition(int[] of, byte[] binOfRow, int bin)
        {
            var goesLeft = 0;
            foreach (var i in of)
            {
                goesLeft += binOfRow[rows[i]] <= bin ? 1 : 0;
            }

            var left = new int[goesLeft];
            var right = new int[of.Length - goesLeft];
            int l = 0, r = 0;
            foreach (var i in of)
            {
                if (binOfRow[rows[i]] <= bin)
                {
                    left[l++] = i;
                }
                else
                {
                    right[r++] = i;
                }
            }

            return (left, right);
        }

        /// <summary>The gradient, hessian and row count per column and bin of the rows <paramref name="of"/>.</summary>
        private Histogram Build(int[] of, double[] gradient, double[] hessian)
        {
            var histogram = _free.TryPop(out var free) ? free.Cleared() : new Histogram(bins.Columns * _bins);
            var cells = histogram.Cells;
            double gTotal = 0, hTotal = 0;
            foreach (var i in of)
            {
                gTotal += gradient[i];
                hTotal += hessian[i];
            }

            // Only non-zero entries outside their column's zero bin are summed; the zero bin holds the rest of the rows.
            var starts = bins.Starts;
            var cols = bins.Cols;
            var binOf = bins.Bins;
            foreach (var i in of)
            {
                var r = rows[i];
                var gi = gradient[i];
                var hi = hessian[i];
                for (var k = starts[r]; k < starts[r + 1]; k++)
                {
                    var at = (cols[k] * _bins) + binOf[k];
                    ref var cell = ref cells[at];
                    cell.G += gi;
                    cell.H += hi;
                    cell.N++;
                }
            }

            for (var c = 0; c < bins.Columns; c++)
            {
                var z = (c * _bins) + bins.ZeroBin[c];
                double gRest = gTotal, hRest = hTotal;
                var nRest = of.Length;
                for (var b = c * _bins; b < (c + 1) * _bins; b++)
                {
                    if (b != z)
                    {
                        gRest -= cells[b].G;
                        hRest -= cells[b].H;
                        nRest -= cells[b].N;
                    }
                }

                cells[z] = new Cell(gRest, hRest, nRest);
            }

            histogram.GTotal = gTotal;
            histogram.HTotal = hTotal;
            return histogram;
        }

        private (int Column, int Bin)? BestSplit(Histogram histogram, int count)
        {
            var lambda = options.LeafPenalty;
            var gTotal = histogram.GTotal;
            var hTotal = histogram.HTotal;
            var parent = gTotal * gTotal / (hTotal + lambda);
            var bestGain = 1e-9;
            (int, int)? best = null;
            for (var c = 0; c < bins.Columns; c++)
            {
                double gl = 0, hl = 0;
                var nl = 0;
                var cuts = bins.Thresholds[c].Length;
                for (var b = 0; b < cuts; b++)
                {
                    ref readonly var cell = ref histogram.Cells[(c * _bins) + b];
                    gl += cell.G;
                    hl += cell.H;
                    nl += cell.N;
                    var nr = count - nl;
                    if (nl < options.MinLeaf || nr < options.MinLeaf)
                    {
                        continue;
                    }

                    var gr = gTotal - gl;
                    var hr = hTotal - hl;
                    var gain = (gl * gl / (hl + lambda)) + (gr * gr / (hr + lambda)) - parent;
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        best = (c, b);
                    }
                }
            }

            return best;
        }
    }

    /// <summary>One column's bin: the sums of gradient and hessian and the number of rows, side by side in memory.</summary>
    private struct Cell(double g, double h, int n)
    {
        public double G = g;
        public double H = h;
        public int N = n;
    }

    private sealed class Histogram(int size)
    {
        public Cell[] Cells { get; } = new Cell[size];

        public double GTotal { get; set; }

        public double HTotal { get; set; }

        public Histogram Cleared()
        {
            Array.Clear(Cells);
            return this;
        }

        public void Subtract(Histogram other)
        {
            for (var i = 0; i < Cells.Length; i++)
            {
                ref var cell = ref Cells[i];
                ref readonly var minus = ref other.Cells[i];
                cell.G -= minus.G;
                cell.H -= minus.H;
                cell.N -= minus.N;
            }

            GTotal -= other.GTotal;
            HTotal -= other.HTotal;
        }
    }
}
