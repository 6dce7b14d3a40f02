namespace Cinegraph.Core.Scoring;

/// <summary>The four category scores of a film, each 0–1, or null where the film has no signal for it.</summary>
public readonly record struct CategoryScores(
    double? PopularOpinion,
    double IndustryRecognition,
    double CulturalImpact,
    double? PeopleQuality)
{
    public double? this[ScoreCategory category] => category switch
    {
        ScoreCategory.PopularOpinion => PopularOpinion,
        ScoreCategory.IndustryRecognition => IndustryRecognition,
        ScoreCategory.CulturalImpact => CulturalImpact,
        ScoreCategory.PeopleQuality => PeopleQuality,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
