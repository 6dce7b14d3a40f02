namespace Cinegraph.Core.Scoring.Learned;

/// <summary>One feature's share of a film's learned score, in score points (they add up to the total).</summary>
public sealed record FeatureContribution(string Key, string Name, string Category, double Points);

/// <summary>
/// One fitted logistic model: z = intercept + Σ βⱼ xⱼ. The score maps z linearly onto 0–100 between the lowest and
/// the highest z the catalogue's feature ranges allow, so each feature adds βⱼ xⱼ minus its own least favourable value
/// (≥ 0) and the points add up to the total; the ranking is the model's ranking. <paramref name="HeldOutDecade"/> is
/// the decade whose labels it never saw (null for models fitted on every completed decade).
/// </summary>
public sealed record LearnedModel(
    string[] Keys,
    double Intercept,
    double[] Coefficients,
    double[] Low,
    double[] High,
    int LabelEdition,
    int? HeldOutDecade,
    int Samples,
    int Positives)
{
    private double[]? _worst;
    private double[]? _ranges;
    private double _span = -1;
    private double _worstSum;

    public double Total(SparseRow row)
    {
        var points = 0.0;
        var worst = Worst();
        for (var k = 0; k < row.Columns.Length; k++)
        {
            var c = row.Columns[k];
            points += Coefficients[c] * row.Values[k];
        }

        // Absent values are 0 (β·0 = 0), so the film's own values are all that differ from "every column at 0".
        var total = points - _worstSum;
        return _span <= 0 ? 0 : Math.Clamp(100 * total / _span, 0, 100);
    }

    /// <summary>Each feature's points (0 for features that add nothing), in column order; they sum to <see cref="Total"/>.</summary>
    public double[] Contributions(SparseRow row)
    {
        var worst = Worst();
        var points = new double[Keys.Length];
        for (var c = 0; c < Keys.Length; c++)
        {
            points[c] = -worst[c];
        }

        for (var k = 0; k < row.Columns.Length; k++)
        {
            points[row.Columns[k]] += Coefficients[row.Columns[k]] * row.Values[k];
        }

        for (var c = 0; c < Keys.Length; c++)
        {
            points[c] = _span <= 0 ? 0 : 100 * points[c] / _span;
        }

        return points;
    }

    /// <summary>How many score points each feature can add at most (its share of the 0–100 range); computed once, not to be changed.</summary>
    public double[] Ranges()
    {
        Worst();
        return _ranges ??= [.. Enumerable.Range(0, Keys.Length).Select(c => _span <= 0 ? 0 : 100 * Math.Abs(Coefficients[c] * (High[c] - Low[c])) / _span)];
    }

    private double[] Worst()
    {
        if (_worst is null)
        {
            var worst = new double[Keys.Length];
            var span = 0.0;
            for (var c = 0; c < Keys.Length; c++)
            {
                worst[c] = Math.Min(Coefficients[c] * Low[c], Coefficients[c] * High[c]);
                span += Math.Max(Coefficients[c] * Low[c], Coefficients[c] * High[c]) - worst[c];
            }

            _span = span;
            _worstSum = worst.Sum();
            _worst = worst;
        }

        return _worst;
    }
}
