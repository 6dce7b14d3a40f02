using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Validation;

/// <summary>
/// One band of predicted likelihood: how many films of the completed decades got a likelihood in it, the mean
/// likelihood they were given and the share of them that is on the newest edition (both in %).
/// </summary>
public sealed record ReliabilityBand(double From, double To, int Films, int OnList, double MeanPredictedPercent)
{
    public double ObservedPercent => Films == 0 ? 0 : 100.0 * OnList / Films;
}

/// <summary>
/// How well a profile's likelihoods match what happened, out of sample: every completed decade's films get the
/// likelihood of a Platt map (<see cref="LikelihoodCalibration"/>) fitted on the other completed decades only, from
/// their scores (a learned profile's scores are its held-out scores), and the bands compare that likelihood with the
/// share of films the book chose.
/// </summary>
public static class Reliability
{
    /// <summary>Band edges in % of likelihood: fine at the low end, where most films are.</summary>
    public static IReadOnlyList<double> Edges { get; } = [0, 1, 2, 5, 10, 20, 35, 50, 75, 100];

    public static IReadOnlyList<ReliabilityBand> Of(MoviePredictor predictor, ScoringProfile profile) =>
        Bands([.. Predictions(predictor, profile).Select(p => (p.Likelihood, p.Member))]);

    /// <summary>Every completed decade's films with their out-of-sample likelihood (%) and whether they are on the newest edition.</summary>
    public static IReadOnlyList<(int MovieId, double Likelihood, bool Member)> Predictions(MoviePredictor predictor, ScoringProfile profile)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(profile);
        var snapshot = predictor.Snapshot;
        var scored = MoviePredictor.CompletedDecades.ToDictionary(d => d, d => predictor.RankDecade(d, profile));
        var predictions = new List<(int, double, bool)>();
        foreach (var (decade, films) in scored)
        {
            // The map of the profile's kind (see MoviePredictor), fitted on the other decades only.
            var others = scored.Where(p => p.Key != decade).SelectMany(p => p.Value.Select(r => (r.Total, p.Value.Count, snapshot.IsOnNewestEdition(r.Movie.MovieId))));
            var calibration = profile.Learned is null
                ? LikelihoodCalibration.Fit([.. others.Select(o => (o.Total, o.Item3))])
                : LikelihoodCalibration.FitWithDecadeSize([.. others]);
            predictions.AddRange(films.Select(f => (f.Movie.MovieId, calibration.Likelihood(f.Total, films.Count), snapshot.IsOnNewestEdition(f.Movie.MovieId))));
        }

        return predictions;
    }

    /// <summary>Groups (likelihood %, member) pairs into <see cref="Edges"/>; a band holds [from, to), the last also 100.</summary>
    public static IReadOnlyList<ReliabilityBand> Bands(IReadOnlyList<(double Likelihood, bool Member)> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var bands = new List<ReliabilityBand>();
        for (var b = 0; b < Edges.Count - 1; b++)
        {
            var (from, to) = (Edges[b], Edges[b + 1]);
            var last = b == Edges.Count - 2;
            var inBand = predictions.Where(p => p.Likelihood >= from && (p.Likelihood < to || (last && p.Likelihood <= to))).ToArray();
            bands.Add(new ReliabilityBand(
                from,
                to,
                inBand.Length,
                inBand.Count(p => p.Member),
                inBand.Length == 0 ? 0 : inBand.Average(p => p.Likelihood)));
        }

        return bands;
    }
}
