namespace Cinegraph.Core.Scoring;

/// <summary>A named set of category weights that films are scored under.</summary>
public sealed class MetricWeightProfile
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public double PopularOpinion { get; set; }

    public double IndustryRecognition { get; set; }

    public double CulturalImpact { get; set; }

    public double PeopleQuality { get; set; }

    /// <summary>Changes on every edit of the weights; cached results record the version they used.</summary>
    public int WeightsVersion { get; set; } = 1;

    public bool Active { get; set; } = true;

    /// <summary>Seeded with the application; cannot be deleted.</summary>
    public bool IsSystem { get; set; }

    /// <summary>At most one profile is the default (a filtered unique index enforces it).</summary>
    public bool IsDefault { get; set; }

    /// <summary><see cref="ProfileKinds.Weights"/> (scored by its weights) or <see cref="ProfileKinds.Learned"/> (by a fitted model).</summary>
    public string Kind { get; set; } = ProfileKinds.Weights;

    public CategoryWeights Weights
    {
        get => new(PopularOpinion, IndustryRecognition, CulturalImpact, PeopleQuality);
        set
        {
            PopularOpinion = value.PopularOpinion;
            IndustryRecognition = value.IndustryRecognition;
            CulturalImpact = value.CulturalImpact;
            PeopleQuality = value.PeopleQuality;
        }
    }
}

/// <summary>The kinds of profile.</summary>
public static class ProfileKinds
{
    /// <summary>Scored by its four category weights.</summary>
    public const string Weights = "weights";

    /// <summary>
    /// Scored by gradient-boosted trees fitted on the catalogue (see <see cref="Learned.LearnedModels"/>); its weights are
    /// each category's share of the points its features can add in the fitted model, set by each fit.
    /// </summary>
    public const string Learned = "learned";
}
