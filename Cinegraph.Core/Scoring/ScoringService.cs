using Cinegraph.Core.Catalog;

namespace Cinegraph.Core.Scoring;

/// <summary>
/// The one scorer: features → four category scores (0–1) → a weighted total (0–100). Every formula lives here;
/// the README's scoring section describes them. Nothing here reads the 1001 list.
/// </summary>
public static class ScoringService
{
    /// <summary>Bumped whenever a formula or constant below changes; cached results record it.</summary>
    public const string AlgorithmVersion = "2026.11.2";

    // Popular opinion: IMDb rating mapped linearly 4 → 0 … 9 → 1; votes on a log scale, 1 → 0 … 2,000,000 → 1;
    // Letterboxd popularity rank on a log scale, 1 → 1 … 5000 → 0 (absent from the top 5000 = 0).
    private const double RatingFloor = 4.0;
    private const double RatingSpan = 5.0;
    private const double VotesCeiling = 2_000_000;
    private const double LetterboxdListSize = 5000;
    private const double RatingShare = 0.5;
    private const double VotesShare = 0.3;
    private const double LetterboxdShare = 0.2;

    // Saturation scales: a category score is 1 − e^(−points / scale).
    private const double AwardScale = 5.0;
    private const double CanonScale = 3.0;
    private const double PeopleScale = 8.0;

    /// <summary>
    /// The four category scores of one film. People quality exists only where the data shows earlier Oscar
    /// recognition of the film's credited nominees: the bundle names a film's people only when they were nominated,
    /// so "no earlier recognition found" cannot be told apart from "people unknown", and both are no signal.
    /// </summary>
    public static CategoryScores Categorize(MovieFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new CategoryScores(
            PopularOpinion(features),
            Saturate(features.AwardPoints, AwardScale),
            Saturate(features.CanonPoints, CanonScale),
            features.PeoplePoints is { } people and > 0 ? Saturate(people, PeopleScale) : null);
    }

    /// <summary>
    /// The total 0–100: the weighted sum of the categories the film has a signal for, with the weights of the
    /// missing ones shared out over the present ones in proportion (see <see cref="EffectiveWeights"/>).
    /// </summary>
    public static double Total(CategoryScores scores, CategoryWeights weights)
    {
        var effective = EffectiveWeights(scores, weights);
        var total = 0.0;
        foreach (var category in ScoreCategories.All)
        {
            total += effective[category] * (scores[category] ?? 0);
        }

        return Math.Clamp(100 * total, 0, 100);
    }

    /// <summary>
    /// The weights actually applied to a film: a missing category gets 0 and the others are scaled up so that they
    /// still sum to 1. If every weighted category is missing, all effective weights are 0 and the total is 0.
    /// </summary>
    public static CategoryWeights EffectiveWeights(CategoryScores scores, CategoryWeights weights)
    {
        var popular = scores.PopularOpinion is null ? 0 : weights.PopularOpinion;
        var people = scores.PeopleQuality is null ? 0 : weights.PeopleQuality;
        var present = popular + weights.IndustryRecognition + weights.CulturalImpact + people;
        if (present <= 0)
        {
            return default;
        }

        return new CategoryWeights(popular / present, weights.IndustryRecognition / present, weights.CulturalImpact / present, people / present);
    }

    /// <summary>Popular opinion from the signals present; null when the film has none.</summary>
    public static double? PopularOpinion(MovieFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.ImdbRating is null && features.ImdbVotes is null && features.LetterboxdPopularityRank is null)
        {
            return null;
        }

        var sum = 0.0;
        var shares = 0.0;
        if (features.ImdbRating is { } rating)
        {
            sum += RatingShare * Math.Clamp((rating - RatingFloor) / RatingSpan, 0, 1);
            shares += RatingShare;
        }

        if (features.ImdbVotes is { } votes)
        {
            sum += VotesShare * Math.Clamp(Math.Log(votes + 1.0) / Math.Log(VotesCeiling + 1), 0, 1);
            shares += VotesShare;
        }

        // Absence from Letterboxd's top 5000 is a measurement (less popular than the 5000th film), so it counts as
        // 0 whenever the film has IMDb signals; only a film with no signal at all is "missing".
        var letterboxd = features.LetterboxdPopularityRank is { } rank
            ? Math.Clamp(Math.Log(LetterboxdListSize / rank) / Math.Log(LetterboxdListSize), 0, 1)
            : 0;
        sum += LetterboxdShare * letterboxd;
        shares += LetterboxdShare;

        return sum / shares;
    }

    /// <summary>
    /// Prestige points of one award row. Wins weigh more than nominations, the top prize of an event more than its
    /// other categories, and festival side sections least. Razzies count nothing.
    /// </summary>
    public static double AwardPoints(string awardEvent, string award, string category, bool won)
    {
        ArgumentNullException.ThrowIfNull(awardEvent);
        ArgumentNullException.ThrowIfNull(award);
        ArgumentNullException.ThrowIfNull(category);
        return awardEvent switch
        {
            "oscars" => (won ? 2.5 : 1.0) * CategoryPrestige(category),
            "bafta" or "golden_globes" => (won ? 1.2 : 0.5) * CategoryPrestige(category),
            "critics_choice" or "sag" or "independent_spirit" or "cesar" or "german_film_awards" => (won ? 0.8 : 0.3) * CategoryPrestige(category),
            "nyfcc" or "lafca" or "nbr" or "nsfc" or "dga" => won ? 1.5 : 0.5,
            "cannes" or "venice" or "berlin" => FestivalPoints(won, IsMajorFestivalTopPrize(award), IsMajorFestivalJuryPrize(award)),
            "sundance" or "tiff" => FestivalPoints(won, IsMinorFestivalTopPrize(award, category), topJuryPrize: false) * 0.6,
            _ => 0,
        };
    }

    /// <summary>
    /// Whether an award row is its event's top prize: a ceremony's picture, best-film or direction category, a major
    /// festival's main competition prize, Sundance's grand jury prize or an audience award, a critics' best-film award.
    /// </summary>
    public static bool IsTopPrize(string awardEvent, string award, string category)
    {
        ArgumentNullException.ThrowIfNull(awardEvent);
        ArgumentNullException.ThrowIfNull(award);
        ArgumentNullException.ThrowIfNull(category);
        return awardEvent switch
        {
            "cannes" or "venice" or "berlin" => IsMajorFestivalTopPrize(award),
            "sundance" or "tiff" => IsMinorFestivalTopPrize(award, category),
            "nyfcc" or "lafca" or "nbr" or "nsfc" or "dga" => true,
            _ => CategoryPrestige(category) > 1,
        };
    }

    /// <summary>Points of one place on a non-target list; ranked canons give more to higher places.</summary>
    public static double ListPoints(string listKey, string kind, int? rank)
    {
        ArgumentNullException.ThrowIfNull(listKey);
        if (kind == ListKinds.Target)
        {
            return 0;
        }

        var basePoints = listKey switch
        {
            "sight_and_sound_2022" => 2.0,
            "tspdt_1000" => 1.5,
            "afi_100_2007" => 1.5,
            "national_film_registry" => 1.5,
            "ebert_great_movies" => 1.2,
            "tspdt_21st_century" => 1.2,
            "criterion" => 1.0,
            "imdb_top_250" => 0.8,
            "letterboxd_top250_history" => 0.8,
            _ => 0.8,
        };

        // A ranked place adds up to half again: first place ×1.5, falling off logarithmically.
        var rankBonus = rank is > 0 ? 0.5 * Math.Clamp(1 - (Math.Log(rank.Value) / Math.Log(1000)), 0, 1) : 0;
        return basePoints * (1 + rankBonus);
    }

    /// <summary>Points one credited person brings from Oscar nominations and wins before the film's ceremony.</summary>
    public static double PriorRecognitionPoints(int priorNominations, int priorWins) => priorNominations + (2.0 * priorWins);

    private static double Saturate(double points, double scale) => points <= 0 ? 0 : 1 - Math.Exp(-points / scale);

    private static double CategoryPrestige(string category)
    {
        var lower = category.ToLowerInvariant();
        return lower.Contains("picture", StringComparison.Ordinal)
            || lower.Contains("best film", StringComparison.Ordinal)
            || lower.Contains("direct", StringComparison.Ordinal)
            ? 2.0
            : 1.0;
    }

    private static double FestivalPoints(bool won, bool topPrize, bool topJuryPrize)
    {
        if (topPrize)
        {
            // Being in the main competition is itself recognition; winning it is the biggest festival honour.
            return won ? 4.0 : 1.0;
        }

        if (topJuryPrize)
        {
            return won ? 1.5 : 0.3;
        }

        return won ? 0.4 : 0.1;
    }

    private static bool IsMajorFestivalTopPrize(string award) =>
        award is "palme d'or" or "golden lion" or "golden berlin bear" or "grand prix du festival international du film" or "grand prize of the festival";

    private static bool IsMajorFestivalJuryPrize(string award) =>
        award is "grand prize of the jury" or "jury prize" or "special jury prize" or "best director" or "best actor" or "best actress"
            or "best screenplay" or "silver lion" or "silver berlin bear" or "volpi cup" or "grand jury prize" or "grand international award";

    private static bool IsMinorFestivalTopPrize(string award, string category) =>
        (award == "grand jury prize" && category is "dramatic" or "documentary" or "world cinema - dramatic" or "world cinema - documentary")
        || award is "people's choice award" or "audience award";
}
