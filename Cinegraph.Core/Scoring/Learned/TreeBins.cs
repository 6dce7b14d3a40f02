namespace Cinegraph.Core.Scoring.Learned;

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
