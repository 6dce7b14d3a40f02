using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Predictions;

/// <summary>
/// Searches, filters and sorts a decade's cached entries in memory (the page model holds the whole cached row), so a
/// view of <c>/predictions?q=…&amp;sort=…&amp;filter=…</c> runs no SQL on a warm cache. Ties keep the cached rank.
/// </summary>
public static class PredictionsFinder
{
    /// <summary>The first <paramref name="limit"/> entries of <paramref name="entries"/> that <paramref name="find"/> matches, in its order.</summary>
    public static FoundPredictions Find(IReadOnlyList<PredictionEntry> entries, PredictionsFind find, int limit)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (find.IsDefault)
        {
            return new FoundPredictions(entries.Count > limit ? entries.Take(limit).ToArray() : entries, entries.Count, entries.Count);
        }

        var matched = new List<PredictionEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (find.Matches(entry))
            {
                matched.Add(entry);
            }
        }

        if (find.Sort != PredictionsSort.Rank || find.Descending)
        {
            var sign = find.Descending ? -1 : 1;
            matched.Sort((x, y) =>
            {
                var by = find.Sort switch
                {
                    PredictionsSort.Year => x.Year.CompareTo(y.Year),
                    PredictionsSort.Likelihood => x.Likelihood.CompareTo(y.Likelihood),
                    _ => x.Rank.CompareTo(y.Rank),
                };
                return by != 0 ? sign * by : x.Rank.CompareTo(y.Rank);
            });
        }

        return new FoundPredictions(matched.Count > limit ? matched.GetRange(0, limit) : matched, matched.Count, entries.Count);
    }

    /// <summary>The cached entry of a film by IMDb id, or null when the film is not among the cached ones.</summary>
    public static PredictionEntry? Film(IReadOnlyList<PredictionEntry> entries, string? imdbId)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (string.IsNullOrWhiteSpace(imdbId))
        {
            return null;
        }

        var id = imdbId.Trim();
        foreach (var entry in entries)
        {
            if (string.Equals(entry.ImdbId, id, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
