namespace Cinegraph.Core.Scoring.Learned;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) on sparse rows.
/// Columns are scaled to unit spread on the training rows so one penalty suits them all. Each row belongs to a group
/// (a decade) with its own unpenalised intercept, so the coefficients learn what sets a film apart within its group,
/// not how groups' base rates differ. Deterministic: the same rows give the same coefficients, bit for bit.
/// </summary>
public static class LogisticRegression
{
    private const int MaxIterations = 30;

    /// <summary>Coefficients in the rows' own units (not scaled) and one intercept for all rows.</summary>
    public static (double Intercept, double[] Coefficients) Fit(IReadOnlyList<SparseRow> rows, IReadOnlyList<bool> labels, int columns, double penalty)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (intercepts, coefficients) = Fit(rows, labels, new int[rows.Count], 1, columns, penalty);
        return (intercepts[0], coefficients);
    }

    /// <summary>Coefficients in the rows' own units (not scaled) and one intercept per group (<paramref name="groups"/>: each row's group, 0 to <paramref name="groupCount"/> − 1).</summary>
    public static (double[] Intercepts, double[] Coefficients) Fit(
        IReadOnlyList<SparseRow> rows, IReadOnlyList<bool> labels, IReadOnlyList<int> groups, int groupCount, int columns, double penalty)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        var n = rows.Count;
        var scale = ColumnScales(rows, columns);
        var d = columns + groupCount; // the last parameters are the groups' intercepts
        var beta = new double[d];
        var gradient = new double[d];
        var hessian = new double[d * d];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (var i = 0; i < n; i++)
            {
                var row = rows[i];
                var g = columns + groups[i];
                var z = beta[g];
                for (var k = 0; k < row.Columns.Length; k++)
                {
                    z += beta[row.Columns[k]] * row.Values[k] * scale[row.Columns[k]];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var residual = (labels[i] ? 1 : 0) - p;
                var w = Math.Max(p * (1 - p), 1e-10);
                gradient[g] += residual;
                hessian[(g * d) + g] += w;
                for (var a = 0; a < row.Columns.Length; a++)
                {
                    var ca = row.Columns[a];
                    var xa = row.Values[a] * scale[ca];
                    gradient[ca] += residual * xa;
                    hessian[(g * d) + ca] += w * xa;
                    for (var b = 0; b <= a; b++)
                    {
                        var cb = row.Columns[b];
                        hessian[(ca * d) + cb] += w * xa * row.Values[b] * scale[cb];
                    }
                }
            }

            for (var c = 0; c < columns; c++)
            {
                gradient[c] -= penalty * beta[c];
                hessian[(c * d) + c] += penalty;
            }

            var step = SolveSymmetric(hessian, gradient, d);
            var largest = 0.0;
            for (var c = 0; c < d; c++)
            {
                beta[c] += step[c];
                largest = Math.Max(largest, Math.Abs(step[c]));
            }

            if (largest < 1e-8)
            {
                break;
            }
        }

        return ([.. beta[columns..]], [.. Enumerable.Range(0, columns).Select(c => beta[c] * scale[c])]);
    }

    // Scale = 1 / root mean square of the column (not centred, so rows stay sparse); 1 for an empty column.
    private static double[] ColumnScales(IReadOnlyList<SparseRow> rows, int columns)
    {
        var squares = new double[columns];
        foreach (var row in rows)
        {
            for (var k = 0; k < row.Columns.Length; k++)
            {
                squares[row.Columns[k]] += row.Values[k] * row.Values[k];
            }
        }

        return [.. squares.Select(s => s > 0 ? 1 / Math.Sqrt(s / rows.Count) : 1)];
    }

    /// <summary>Solves H x = g for a symmetric positive definite H of which the lower triangle (row ≥ column) is filled.</summary>
    private static double[] SolveSymmetric(double[] h, double[] g, int d)
    {
        // Mirror the filled triangle: entries were added at [max(a, b), min(a, b)] or [intercept, column].
        var m = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                m[(i * d) + j] = h[(i * d) + j] + (i == j ? 0 : h[(j * d) + i]);
            }
        }

        // Cholesky: m = L Lᵀ.
        var l = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = m[(i * d) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * d) + k] * l[(j * d) + k];
                }

                l[(i * d) + j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[(j * d) + j];
            }
        }

        var y = new double[d];
        for (var i = 0; i < d; i++)
        {
            var sum = g[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[(i * d) + k] * y[k];
            }

            y[i] = sum / l[(i * d) + i];
        }

        var x = new double[d];
        for (var i = d - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < d; k++)
            {
                sum -= l[(k * d) + i] * x[k];
            }

            x[i] = sum / l[(i * d) + i];
        }

        return x;
    }
}
