namespace Cinegraph.Core.Scoring;

/// <summary>The four dimensions a film is scored on.</summary>
public enum ScoreCategory
{
    PopularOpinion,
    IndustryRecognition,
    CulturalImpact,
    PeopleQuality,
}

public static class ScoreCategories
{
    /// <summary>The categories in their fixed display order.</summary>
    public static IReadOnlyList<ScoreCategory> All { get; } =
        [ScoreCategory.PopularOpinion, ScoreCategory.IndustryRecognition, ScoreCategory.CulturalImpact, ScoreCategory.PeopleQuality];

    /// <summary>The snake_case key used in stored payloads and the API.</summary>
    public static string Key(ScoreCategory category) => category switch
    {
        ScoreCategory.PopularOpinion => "popular_opinion",
        ScoreCategory.IndustryRecognition => "industry_recognition",
        ScoreCategory.CulturalImpact => "cultural_impact",
        ScoreCategory.PeopleQuality => "people_quality",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static string Label(ScoreCategory category) => category switch
    {
        ScoreCategory.PopularOpinion => "Popular opinion",
        ScoreCategory.IndustryRecognition => "Industry recognition",
        ScoreCategory.CulturalImpact => "Cultural impact",
        ScoreCategory.PeopleQuality => "People quality",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
