using System.Globalization;
using System.Text.Json.Serialization;

namespace Cinegraph.Core.Scoring;

/// <summary>
/// The four category weights of a profile. Each is non-negative and together they sum to 1 (±0.001).
/// </summary>
public readonly record struct CategoryWeights(
    double PopularOpinion,
    double IndustryRecognition,
    double CulturalImpact,
    double PeopleQuality)
{
    /// <summary>How far the sum may stray from 1.</summary>
    public const double SumTolerance = 0.001;

    public static CategoryWeights Balanced { get; } = new(0.25, 0.25, 0.25, 0.25);

    [JsonIgnore]
    public double Sum => PopularOpinion + IndustryRecognition + CulturalImpact + PeopleQuality;

    public double this[ScoreCategory category] => category switch
    {
        ScoreCategory.PopularOpinion => PopularOpinion,
        ScoreCategory.IndustryRecognition => IndustryRecognition,
        ScoreCategory.CulturalImpact => CulturalImpact,
        ScoreCategory.PeopleQuality => PeopleQuality,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>The problems with these weights, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var category in ScoreCategories.All)
        {
            var weight = this[category];
            if (double.IsNaN(weight) || double.IsInfinity(weight) || weight < 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{ScoreCategories.Label(category)} weight must be a non-negative number (got {weight})."));
            }
        }

        if (errors.Count == 0 && Math.Abs(Sum - 1) > SumTolerance)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Weights must sum to 100% (got {Sum * 100:0.#}%)."));
        }

        return errors;
    }

    /// <summary>Throws <see cref="InvalidWeightsException"/> unless the weights are valid.</summary>
    public CategoryWeights EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new InvalidWeightsException(errors);
    }
}

/// <summary>Weights that are negative or do not sum to 1.</summary>
public sealed class InvalidWeightsException(IReadOnlyList<string> errors)
    : ArgumentException(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
