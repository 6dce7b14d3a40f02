namespace Cinegraph.Core.Scoring;

/// <summary>
/// What the scorer knows about one film, aggregated once per snapshot. Membership of the 1001 list is deliberately
/// absent: it is the target, kept apart in <see cref="FeatureSnapshot"/>, and never a feature.
/// </summary>
public sealed class MovieFeatures
{
    public int MovieId { get; init; }

    public required string ImdbId { get; init; }

    public required string Title { get; init; }

    public int Year { get; init; }

    public double? ImdbRating { get; init; }

    public int? ImdbVotes { get; init; }

    public int? LetterboxdPopularityRank { get; init; }

    /// <summary>IMDb genres (e.g. <c>Documentary</c>); empty when unknown.</summary>
    public IReadOnlyList<string> Genres { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 production countries; empty when unknown.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>ISO 639-1 original language (e.g. <c>en</c>); null when unknown.</summary>
    public string? OriginalLanguage { get; init; }

    /// <summary>Prestige points of the film's nominations and wins (see <see cref="ScoringService.AwardPoints"/>).</summary>
    public double AwardPoints { get; set; }

    /// <summary>Points of the film's places on canons, registries and popularity lists other than the 1001 list.</summary>
    public double CanonPoints { get; set; }

    /// <summary>
    /// Prior Oscar recognition of the film's credited Oscar nominees; null when the data names none of its people.
    /// Zero (nominees with no earlier recognition) is scored as "no signal" too: see <see cref="ScoringService.Categorize"/>.
    /// </summary>
    public double? PeoplePoints { get; set; }

    /// <summary>
    /// Counts per award event and level and places per list (see <see cref="Learned.FeatureKeys"/>), read by the
    /// learned profile. Like every feature here they never see the 1001 list.
    /// </summary>
    public Dictionary<string, double> Signals { get; } = new(StringComparer.Ordinal);

    public int Decade => Year / 10 * 10;
}
