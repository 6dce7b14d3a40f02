namespace Cinegraph.Core.Scoring;

/// <summary>
/// The five profiles of the original app, and Learned (the default): gradient-boosted trees fitted on the catalogue by
/// the refresh job (see <see cref="Learned.LearnedModels"/>); its weights start at 25 % each and every fit sets them to
/// each category's share of the points its features can add in the model. Balanced is 25 % each (the stated intent of the original);
/// Crowd Pleaser's 10 % "financial" weight was folded into cultural impact at half strength there, so here it is
/// the original's normalised split rounded to sum exactly to 1.
/// </summary>
public static class SystemProfiles
{
    public const string BalancedName = "Balanced";

    public const string LearnedName = "Learned";

    public static IReadOnlyList<MetricWeightProfile> Create() =>
    [
        Profile(1, BalancedName, "Equal weight across all four dimensions (25% each).", new(0.25, 0.25, 0.25, 0.25)),
        Profile(2, "Award Winner", "Leans on Oscars, festivals and guild awards.", new(0.25, 0.45, 0.20, 0.10)),
        Profile(3, "Critics Choice", "Leans on ratings and the critics' canons.", new(0.50, 0.15, 0.30, 0.05)),
        Profile(4, "Crowd Pleaser", "Leans on audience ratings, votes and popularity.", new(0.47, 0.11, 0.37, 0.05)),
        Profile(5, "Cult Classic", "Leans on lasting cultural presence and audience love.", new(0.40, 0.10, 0.35, 0.15)),
        Profile(
            6,
            LearnedName,
            "Weighs each award, list, rating and popularity signal as a model fitted on the book's past choices does; every past decade is ranked by a fit that never saw it.",
            CategoryWeights.Balanced,
            isDefault: true,
            kind: ProfileKinds.Learned),
    ];

    private static MetricWeightProfile Profile(int id, string name, string description, CategoryWeights weights, bool isDefault = false, string kind = ProfileKinds.Weights) =>
        new()
        {
            Id = id,
            Name = name,
            Description = description,
            Weights = weights,
            WeightsVersion = 1,
            Active = true,
            IsSystem = true,
            IsDefault = isDefault,
            Kind = kind,
        };
}
