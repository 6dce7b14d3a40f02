namespace Cinegraph.Core.Catalog;

/// <summary>A whole catalogue in memory, as read from a bundle folder or generated as the demo.</summary>
public sealed record BundleData(
    IReadOnlyList<BundleMovie> Movies,
    IReadOnlyList<BundleAward> Awards,
    IReadOnlyList<BundleList> Lists,
    IReadOnlyList<BundleMembership> Memberships,
    IReadOnlyList<BundleCredit> Credits);

public sealed record BundleMovie(
    string ImdbId,
    string Title,
    int Year,
    int? RuntimeMinutes,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> Countries,
    string? OriginalLanguage,
    double? ImdbRating,
    int? ImdbVotes,
    int? LetterboxdPopularityRank);

public sealed record BundleAward(string ImdbId, string Event, int EventYear, string Award, string Category, bool Won);

public sealed record BundleList(string Key, string Name, string Kind, string? Description);

public sealed record BundleMembership(string ListKey, string ImdbId, int? Edition, int? Rank);

public sealed record BundleCredit(
    string ImdbId,
    string PersonId,
    string? PersonName,
    string Class,
    string Category,
    int EventYear,
    bool Won);
