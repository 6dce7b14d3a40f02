using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Benchmarks.Learned;

/// <summary>The parameters of one fit, in the rows' own units (not scaled), and the Newton iterations it took.</summary>
public sealed record LogisticFit(double[] Intercepts, double[] Coefficients, int Iterations);

/// <summary>
/// The learned profile's model before the boosted trees, kept as the reference the <c>learned-trees</c> harness fits
/// side by side with them (the app does not use it).
/// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) on sparse rows.
/// Columns are scaled to unit spread on the training rows so one penalty suits them all. Each row belongs to a group
/// (a decade) with its own unpenalised intercept, so the coefficients learn what sets a film apart within its group,
/// not how groups' base rates differ. The rows are copied once per fit into contiguous arrays, already scaled, and each
/// pass over them is split into a fixed number of chunks summed in order: deterministic (the same rows and start give
/// the same coefficients, bit for bit, on any number of cores).
/// </summary>
public static class LogisticRegression
{
    private const int MaxIterations = 30;

    /// <summary>
    /// Converged when no scaled parameter moves by more than this in a Newton step. Newton's method converges
    /// quadratically near the optimum: after a step this small the next would move the parameters by about 1e-12 or
    /// less (measured on the real bundle: 3.7e-8, then 6.7e-16), so it is not taken.
    /// </summary>
    private const double Tolerance = 1e-6;

    // Fixed, not the number of cores, so the sums (and the coefficients) are the same on every machine.
    private const int Chunks = 8;

    /// <summary>
    /// Coefficients in the rows' own units (not scaled) and one intercept per group (<paramref name="groups"/>: each
    /// row's group, 0 to <paramref name="groupCount"/> − 1). Newton's method starts from <paramref name="start"/>
    /// (same units and groups) when given, else from zero, and converges to the same optimum either way; a start from
    /// which it does not converge is dropped for zero.
    /// </summary>
    public static LogisticFit Fit(
        IReadOnlyList<SparseRow> rows, bool[] labels, int[] groups, int groupCount, int columns, double penalty, LogisticFit? start = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        var data = Rows.Scaled(rows, columns);
        var d = columns + groupCount; // the last parameters are the groups' intercepts
        var beta = new double[d];
        if (start is not null)
        {
            for (var c = 0; c < columns; c++)
            {
                beta[c] = start.Coefficients[c] / data.Scale[c];
            }

            for (var g = 0; g < groupCount; g++)
            {
                beta[columns + g] = start.Intercepts[g];
            }
        }

        var gradients = new double[Chunks][];
        var hessians = new double[Chunks][];
        for (var chunk = 0; chunk < Chunks; chunk++)
        {
            gradients[chunk] = new double[d];
            hessians[chunk] = new double[d * d];
        }

        var iterations = 0;
        while (iterations < MaxIterations)
        {
            iterations++;
            Parallel.For(0, Chunks, chunk =>
            {
                var from = (int)((long)data.Count * chunk / Chunks);
                var to = (int)((long)data.Count * (chunk + 1) / Chunks);
                Accumulate(data, labels, groups, columns, beta, from, to, gradients[chunk], hessians[chunk]);
            });

            var gradient = gradients[0];
            var hessian = hessians[0];
            for (var chunk = 1; chunk < Chunks; chunk++)
            {
                Add(gradient, gradients[chunk]);
                Add(hessian, hessians[chunk]);
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

            if (largest < Tolerance)
            {
                break;
            }
        }

        if (iterations == MaxIterations && start is not null)
        {
            // Newton's full steps can overshoot from a start far from the optimum; zero is the start that converges.
            return Fit(rows, labels, groups, groupCount, columns, penalty);
        }

        var coefficients = new double[columns];
        for (var c = 0; c < columns; c++)
        {
            coefficients[c] = beta[c] * data.Scale[c];
        }

        return new LogisticFit(beta[columns..], coefficients, iterations);
    }

    // One chunk's share of the gradient and the lower triangle of the Hessian (cleared first).
    private static void Accumulate(Rows data, bool[] labels, int[] groups, int columns, double[] beta, int from, int to, double[] gradient, double[] hessian)
    {
        Array.Clear(gradient);
        Array.Clear(hessian);
        var d = gradient.Length;
        var starts = data.Starts;
        var cols = data.Columns;
        var values = data.Values;
        for (var i = from; i < to; i++)
        {
            var g = columns + groups[i];
            var first = starts[i];
            var end = starts[i + 1];
            var z = beta[g];
            for (var k = first; k < end; k++)
            {
                z += beta[cols[k]] * values[k];
            }

            var p = 1 / (1 + Math.Exp(-z));
            var residual = (labels[i] ? 1 : 0) - p;
            var w = Math.Max(p * (1 - p), 1e-10);
            gradient[g] += residual;
            hessian[(g * d) + g] += w;
            for (var a = first; a < end; a++)
            {
                var ca = cols[a];
                var xa = values[a];
                var wxa = w * xa;
                gradient[ca] += residual * xa;
                hessian[(g * d) + ca] += wxa;
                var rowOffset = ca * d;
                for (var b = first; b <= a; b++)
                {
                    hessian[rowOffset + cols[b]] += wxa * values[b];
                }
            }
        }
    }

    private static void Add(double[] sum, double[] part)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += part[i];
        }
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

    /// <summary>
    /// The training rows of one fit in compressed sparse row form: row i's values are Values[Starts[i]..Starts[i + 1]],
    /// already multiplied by their column's <see cref="Scale"/> (1 / root mean square of the column, not centred, so
    /// rows stay sparse; 1 for an empty column).
    /// </summary>
    private sealed record Rows(int Count, int[] Starts, int[] Columns, double[] Values, double[] Scale)
    {
        public static Rows Scaled(IReadOnlyList<SparseRow> rows, int columns)
        {
            var squares = new double[columns];
            var starts = new int[rows.Count + 1];
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                starts[i + 1] = starts[i] + row.Columns.Length;
                for (var k = 0; k < row.Columns.Length; k++)
                {
                    squares[row.Columns[k]] += row.Values[k] * row.Values[k];
                }
            }

            var scale = new double[columns];
            for (var c = 0; c < columns; c++)
            {
                scale[c] = squares[c] > 0 ? 1 / Math.Sqrt(squares[c] / rows.Count) : 1;
            }

            var cols = new int[starts[^1]];
            var values = new double[starts[^1]];
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                for (var k = 0; k < row.Columns.Length; k++)
                {
                    cols[starts[i] + k] = row.Columns[k];
                    values[starts[i] + k] = row.Values[k] * scale[row.Columns[k]];
                }
            }

            return new Rows(rows.Count, starts, cols, values, scale);
        }
    }
}
