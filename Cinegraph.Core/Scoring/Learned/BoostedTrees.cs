namespace Cinegraph.Core.Scoring.Learned;

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
