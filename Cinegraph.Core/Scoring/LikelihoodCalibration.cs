namespace Cinegraph.Core.Scoring;

/// <summary>
/// Maps a total score to the chance (0–100 %) that a film with that score is on the 1001 list, from a logistic fit
/// of list membership on the score over decades whose outcome is known. The slope is never negative, so the map
/// is monotone in the score, and its output is a probability, so it cannot leave 0–100.
/// </summary>
public sealed record LikelihoodCalibration(double Intercept, double Slope, int SampleSize, int Positives)
{
    private const int MaxIterations = 50;

    /// <summary>Likelihood 0–100 of a total score 0–100.</summary>
    public double Likelihood(double totalScore)
    {
        var z = Intercept + (Slope * totalScore);
        return Math.Clamp(100 / (1 + Math.Exp(-z)), 0, 100);
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
