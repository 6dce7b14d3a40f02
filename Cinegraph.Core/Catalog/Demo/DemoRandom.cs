using System.Globalization;

namespace Cinegraph.Core.Catalog;

/// <summary>
/// The one source of randomness of a demo catalogue: a seeded <see cref="Random"/> plus the draws the generator needs.
/// Every part of the generator draws from the same instance, in a fixed order, so a seed always gives the same catalogue.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private readonly Random _rng = new(seed);
    private bool _hasSpare;
    private double _spare;

    public int Next(int maxExclusive) => _rng.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => _rng.Next(minInclusive, maxExclusive);

    public double NextDouble() => _rng.NextDouble();

    public T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    /// <summary>An index drawn in proportion to <paramref name="weights"/>.</summary>
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = _rng.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>Standard normal draw (Marsaglia's polar method).</summary>
    public double Normal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = (2 * _rng.NextDouble()) - 1;
            v = (2 * _rng.NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * m;
        _hasSpare = true;
        return u * m;
    }

    /// <summary>
    /// Fills <paramref name="into"/> with ascending unique ids (<paramref name="prefix"/> + number) with random gaps
    /// that stay inside <paramref name="idSpace"/> numbers above <paramref name="baseNumber"/>.
    /// </summary>
    public void AscendingIds(int count, int baseNumber, int idSpace, string prefix, string[] into)
    {
        var maxStep = Math.Max(1, (2 * idSpace / count) - 1);
        var number = baseNumber;
        for (var i = 0; i < count; i++)
        {
            number += _rng.Next(1, maxStep + 1);
            into[i] = prefix + number.ToString(CultureInfo.InvariantCulture);
        }
    }

    public static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
