using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Core.Scoring;

/// <summary>
/// A profile to score with: a stored one, or an unsaved custom set of weights (no id). A learned profile
/// (<see cref="ProfileKinds.Learned"/>) carries its fitted <paramref name="Learned"/> models and is scored by them
/// instead of by its weights; everything else (ranking, likelihood, breakdown) is the same path.
/// </summary>
public sealed record ScoringProfile(string Name, CategoryWeights Weights, int? Id = null, int WeightsVersion = 0, LearnedModels? Learned = null)
{
    /// <summary>A stored profile; a learned one needs its <paramref name="learned"/> models.</summary>
    public static ScoringProfile From(MetricWeightProfile profile, LearnedModels? learned = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Kind == ProfileKinds.Learned && learned is null)
        {
            throw new ArgumentException($"Profile '{profile.Name}' is learned: it needs its fitted models.", nameof(learned));
        }

        return new(profile.Name, profile.Weights, profile.Id, profile.WeightsVersion, profile.Kind == ProfileKinds.Learned ? learned : null);
    }

    /// <summary>An unsaved profile; throws <see cref="InvalidWeightsException"/> unless the weights sum to 1.</summary>
    public static ScoringProfile Custom(CategoryWeights weights) => new("Custom", weights.EnsureValid());
}

public static class PredictionStatus
{
    /// <summary>On the newest 1001 edition.</summary>
    public const string AlreadyAdded = "already_added";

    public const string FuturePrediction = "future_prediction";
}

/// <summary>One category of one film's score: its raw score, the weights, and the points it adds to the total.</summary>
/// <param name="Category">snake_case key, e.g. <c>popular_opinion</c>.</param>
/// <param name="RawScore">0–100, or null when the film has no signal for the category.</param>
/// <param name="Weight">The profile's weight.</param>
/// <param name="EffectiveWeight">The weight applied after missing categories were shared out.</param>
/// <param name="WeightedPoints">RawScore × EffectiveWeight; the four add up to the total.</param>
public sealed record CategoryBreakdown(string Category, double? RawScore, double Weight, double EffectiveWeight, double WeightedPoints);

public sealed record PredictionEntry(
    int Rank,
    int MovieId,
    string ImdbId,
    string Title,
    int Year,
    double TotalScore,
    double Likelihood,
    string Status,
    int? ImdbVotes,
    IReadOnlyList<CategoryBreakdown> Breakdown)
{
    /// <summary>
    /// Under a learned profile: the features that added points, most first (they and the features adding nothing sum to
    /// the total). Null under a weights profile, whose breakdown is the four categories.
    /// </summary>
    public IReadOnlyList<FeatureContribution>? Features { get; init; }
}

/// <summary>The ranked films of one decade under one profile.</summary>
/// <param name="TotalCandidates">Films of the decade that were scored.</param>
/// <param name="FutureCandidates">Of those, films not on the newest 1001 edition.</param>
public sealed record DecadePrediction(
    int Decade,
    string ProfileName,
    CategoryWeights Weights,
    IReadOnlyList<PredictionEntry> Entries,
    int TotalCandidates,
    int FutureCandidates,
    int? NewestEdition,
    string AlgorithmVersion,
    int DataVersion,
    LikelihoodCalibration Calibration,
    string? ModelVersion = null);
