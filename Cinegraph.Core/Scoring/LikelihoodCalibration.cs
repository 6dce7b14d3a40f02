namespace Cinegraph.Core.Scoring;

/// <summary>
/// Maps a total score to the chance (0–100 %) that a film with that score is on the 1001 list, from a logistic fit
/// of list membership on the score over decades whose outcome is known. The slope is never negative, so the map
/// is monotone in the score, and its output is a probability, so it cannot leave 0–100.
/// </summary>
/// <param name="DecadeSlope">
/// Log-odds per unit of ln(films of the decade): 0 for a weights profile. A learned profile's score ranks films within
/// their decade, and the book chooses from a large recent decade a far smaller share than from a small old one, so its
/// map also knows the decade's size (a count of films, never of list films).
/// </param>
public sealed record LikelihoodCalibration(double Intercept, double Slope, int SampleSize, int Positives, double DecadeSlope = 0)
{
    private const int MaxIterations = 50;

    /// <summary>Likelihood 0–100 of a total score 0–100 of a film whose decade has <paramref name="decadeFilms"/> films.</summary>
    public double Likelihood(double totalScore, int decadeFilms = 0)
    {
        var z = Intercept + (Slope * totalScore) + (DecadeSlope == 0 ? 0 : DecadeSlope * Math.Log(Math.Max(1, decadeFilms)));
        return Math.Clamp(100 / (1 + Math.Exp(-z)), 0, 100);
    }

    /// <summary>
    /// Fits p(member | score, decade size) = 1 / (1 + e^−(a + b·score + c·ln films)) by maximum likelihood (Newton's
    /// method, tiny ridge); the score slope is kept ≥ 0 as in <see cref="Fit"/>.
    /// </summary>
    public static LikelihoodCalibration FitWithDecadeSize(IReadOnlyList<(double Score, int DecadeFilms, bool Member)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var positives = samples.Count(s => s.Member);
        if (samples.Count == 0 || positives == 0 || positives == samples.Count || samples.Select(s => s.DecadeFilms).Distinct().Count() < 2)
        {
            return Fit([.. samples.Select(s => (s.Score, s.Member))]);
        }

        const double ridge = 1e-6;
        var beta = new double[3];
        Span<double> x = stackalloc double[3];
        x[0] = 1;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var g = new double[3];
            var h = new double[9];
            foreach (var (score, films, member) in samples)
            {
                x[1] = score / 100;
                x[2] = Math.Log(Math.Max(1, films));
                var p = 1 / (1 + Math.Exp(-((beta[0] * x[0]) + (beta[1] * x[1]) + (beta[2] * x[2]))));
                var residual = (member ? 1 : 0) - p;
                var w = p * (1 - p);
                for (var i = 0; i < 3; i++)
                {
                    g[i] += residual * x[i];
                    for (var j = 0; j < 3; j++)
                    {
                        h[(i * 3) + j] += w * x[i] * x[j];
                    }
                }
            }

            for (var i = 0; i < 3; i++)
            {
                h[(i * 3) + i] += ridge;
            }

            var step = Solve3(h, g);
            if (step is null)
            {
                break;
            }

            for (var i = 0; i < 3; i++)
            {
                beta[i] += step[i];
            }

            if (step.All(s => Math.Abs(s) < 1e-9))
            {
                break;
            }
        }

        return beta.Any(double.IsNaN) || beta[1] < 0
            ? Fit([.. samples.Select(s => (s.Score, s.Member))])
            : new LikelihoodCalibration(beta[0], beta[1] / 100, samples.Count, positives, beta[2]);
    }

    // Cramer's rule for a 3×3 system; null when singular.
    private static double[]? Solve3(double[] m, double[] g)
    {
        double Det(double[] a) =>
            (a[0] * ((a[4] * a[8]) - (a[5] * a[7]))) - (a[1] * ((a[3] * a[8]) - (a[5] * a[6]))) + (a[2] * ((a[3] * a[7]) - (a[4] * a[6])));
        var det = Det(m);
        if (Math.Abs(det) < 1e-300)
        {
            return null;
        }

        var x = new double[3];
        for (var c = 0; c < 3; c++)
        {
            var a = (double[])m.Clone();
            for (var r = 0; r < 3; r++)
            {
                a[(r * 3) + c] = g[r];
            }

            x[c] = Det(a) / det;
        }

        return x;
    }

    /// <summary>
    /// Fits p(member | score) = 1 / (1 + e^−(a + b·score)) by maximum likelihood (Newton's method, with a tiny ridge
    /// penalty so that perfectly separated data still gives finite numbers).
    /// </summary>
    public static LikelihoodCalibration Fit(IReadOnlyList<(double Score, bool Member)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var positives = samples.Count(s => s.Member);
        if (samples.Count == 0 || positives == 0 || positives == samples.Count)
        {
            // Nothing to learn a slope from: a flat line at the observed rate (or 0.5 % / 99.5 % at the edges).
            var rate = samples.Count == 0 ? 0.005 : Math.Clamp((double)positives / samples.Count, 0.005, 0.995);
            return new LikelihoodCalibration(Math.Log(rate / (1 - rate)), 0, samples.Count, positives);
        }

        const double ridge = 1e-6;
        double a = 0, b = 0;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double ga = 0, gb = 0, haa = ridge, hab = 0, hbb = ridge;
            foreach (var (score, member) in samples)
            {
                var x = score / 100;
                var p = 1 / (1 + Math.Exp(-(a + (b * x))));
                var residual = (member ? 1 : 0) - p;
                var w = p * (1 - p);
                ga += residual;
                gb += residual * x;
                haa += w;
                hab += w * x;
                hbb += w * x * x;
            }

            gb -= ridge * b;
            var det = (haa * hbb) - (hab * hab);
            if (det <= 0)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            a += da;
            b += db;
            if (Math.Abs(da) < 1e-9 && Math.Abs(db) < 1e-9)
            {
                break;
            }
        }

        if (b < 0 || double.IsNaN(a) || double.IsNaN(b))
        {
            // A score that predicts membership worse than chance gets no slope, so the map stays monotone.
            var rate = (double)positives / samples.Count;
            return new LikelihoodCalibration(Math.Log(rate / (1 - rate)), 0, samples.Count, positives);
        }

        // The fit ran on score / 100; store the slope per score point.
        return new LikelihoodCalibration(a, b / 100, samples.Count, positives);
    }
}
