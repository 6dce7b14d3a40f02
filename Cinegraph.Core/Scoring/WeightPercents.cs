namespace Cinegraph.Core.Scoring;

/// <summary>Category weights as whole percents, as the weight sliders hold them.</summary>
public static class WeightPercents
{
    /// <summary>The weights in whole percents (rounded half away from zero; they may not sum to 100).</summary>
    public static int[] From(CategoryWeights weights) =>
        [.. ScoreCategories.All.Select(c => (int)Math.Round(weights[c] * 100, MidpointRounding.AwayFromZero))];

    /// <summary>Weights from whole percents in <see cref="ScoreCategories.All"/> order (not checked: see <see cref="CategoryWeights.Validate"/>).</summary>
    public static CategoryWeights ToWeights(IReadOnlyList<int> percents)
    {
        ArgumentNullException.ThrowIfNull(percents);
        ArgumentOutOfRangeException.ThrowIfNotEqual(percents.Count, ScoreCategories.All.Count);
        return new CategoryWeights(percents[0] / 100.0, percents[1] / 100.0, percents[2] / 100.0, percents[3] / 100.0);
    }

    /// <summary>
    /// The same proportions scaled to sum to exactly 100 (largest remainder: the shares rounded down, then one point
    /// each to the largest remainders, earlier categories first on a tie). All zero (or negative) gives equal shares.
    /// </summary>
    public static int[] Normalise(IReadOnlyList<int> percents)
    {
        ArgumentNullException.ThrowIfNull(percents);
        var values = percents.Select(p => Math.Max(p, 0)).ToArray();
        var sum = values.Sum();
        if (sum == 0)
        {
            values = [.. values.Select(_ => 1)];
            sum = values.Length;
        }

        var exact = values.Select(v => 100.0 * v / sum).ToArray();
        var result = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = 100 - result.Sum();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - result[i]).ThenBy(i => i).Take(left))
        {
            result[i]++;
        }

        return result;
    }
}
