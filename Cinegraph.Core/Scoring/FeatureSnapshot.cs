namespace Cinegraph.Core.Scoring;

/// <summary>
/// Everything scoring needs, loaded once: the features of every film, and — kept apart so no feature can see it —
/// which 1001 editions each film is on (the outcome validation measures against).
/// </summary>
public sealed class FeatureSnapshot
{
    private readonly Dictionary<int, int[]> _targetEditions;

    public FeatureSnapshot(IReadOnlyList<MovieFeatures> movies, IReadOnlyDictionary<int, int[]> targetEditions, int dataVersion)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(targetEditions);
        Movies = movies;
        DataVersion = dataVersion;
        _targetEditions = targetEditions.ToDictionary(p => p.Key, p => p.Value.Order().ToArray());
        Editions = [.. _targetEditions.Values.SelectMany(e => e).Distinct().Order()];
        ByDecade = movies.GroupBy(m => m.Decade).ToDictionary(g => g.Key, g => (IReadOnlyList<MovieFeatures>)[.. g]);
    }

    public IReadOnlyList<MovieFeatures> Movies { get; }

    public IReadOnlyDictionary<int, IReadOnlyList<MovieFeatures>> ByDecade { get; }

    /// <summary>The data version of the catalogue this snapshot was loaded from.</summary>
    public int DataVersion { get; }

    /// <summary>The 1001 editions present in the data, oldest first.</summary>
    public IReadOnlyList<int> Editions { get; }

    /// <summary>The newest 1001 edition, or null when the data has none.</summary>
    public int? NewestEdition => Editions.Count == 0 ? null : Editions[^1];

    public IReadOnlyList<MovieFeatures> InDecade(int decade) =>
        ByDecade.TryGetValue(decade, out var movies) ? movies : [];

    /// <summary>Whether the film is on the given 1001 edition.</summary>
    public bool IsOnEdition(int movieId, int edition) =>
        _targetEditions.TryGetValue(movieId, out var editions) && Array.BinarySearch(editions, edition) >= 0;

    /// <summary>Whether the film is on the newest 1001 edition.</summary>
    public bool IsOnNewestEdition(int movieId) => NewestEdition is { } newest && IsOnEdition(movieId, newest);
}
