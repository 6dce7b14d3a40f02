using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Forecasting;

/// <summary>One film of a forecast: its place among the films of the current decade not yet on the list.</summary>
public sealed record ForecastEntry(int Rank, string ImdbId, string Title, int Year, double Score, double Likelihood);

/// <summary>
/// A forecast to publish before the next edition and score after it: the top films of the current decade that are
/// not on the newest edition, under one profile, with everything needed to reproduce it.
/// </summary>
public sealed record Forecast(
    DateTimeOffset GeneratedAt,
    string Profile,
    int Decade,
    int? NewestEdition,
    int DataVersion,
    string AlgorithmVersion,
    string? ModelVersion,
    string? FitVersion,
    IReadOnlyList<ForecastEntry> Films)
{
    /// <summary>How many films a forecast names.</summary>
    public const int DefaultCount = 25;

    /// <summary>The top <paramref name="count"/> films of the current decade not on the newest edition under <paramref name="profile"/>.</summary>
    public static Forecast Of(MoviePredictor predictor, ScoringProfile profile, DateTimeOffset generatedAt, int count = DefaultCount)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var decade = MoviePredictor.LastDecade;
        var prediction = predictor.PredictDecade(decade, profile, int.MaxValue);
        var films = prediction.Entries
            .Where(e => e.Status == PredictionStatus.FuturePrediction)
            .Take(count)
            .Select((e, i) => new ForecastEntry(i + 1, e.ImdbId, e.Title, e.Year, e.TotalScore, e.Likelihood))
            .ToArray();
        return new Forecast(
            generatedAt,
            profile.Name,
            decade,
            prediction.NewestEdition,
            prediction.DataVersion,
            prediction.AlgorithmVersion,
            profile.Learned?.Version,
            profile.Learned is null ? null : Scoring.Learned.LearnedModels.FitVersion,
            films);
    }
}
