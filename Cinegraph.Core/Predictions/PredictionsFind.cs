using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Predictions;

/// <summary>What the predictions table is sorted by.</summary>
public enum PredictionsSort
{
    Rank,
    Year,
    Likelihood,
}

/// <summary>Which of the cached films the table shows.</summary>
public enum PredictionsFilter
{
    All,

    /// <summary>Not on the newest 1001 edition yet (<see cref="PredictionStatus.FuturePrediction"/>).</summary>
    NotYetOnList,

    /// <summary>Already on it (<see cref="PredictionStatus.AlreadyAdded"/>).</summary>
    OnList,
}

/// <summary>
/// A search, sort and filter of a decade's cached predictions, as the URL's query string carries it so a view can be
/// shared: <c>q</c> (title or IMDb id), <c>sort</c> (<c>rank</c>, <c>year</c>, <c>likelihood</c>), <c>dir</c>
/// (<c>asc</c>, <c>desc</c>; each sort has its natural direction: rank ascending, year newest first, likelihood highest
/// first) and <c>filter</c> (<c>future</c>, <c>added</c>). Values it does not know read as the default, never an error.
/// </summary>
public sealed record PredictionsFind(string? Search, PredictionsSort Sort, bool Descending, PredictionsFilter Filter)
{
    /// <summary>The longest search kept; more is cut.</summary>
    public const int MaxSearchLength = 100;

    public static PredictionsFind Default { get; } = new(null, PredictionsSort.Rank, false, PredictionsFilter.All);

    /// <summary>True when this is the cache's own order with nothing left out.</summary>
    public bool IsDefault => this == Default;

    /// <summary>From the query string's values (any may be null).</summary>
    public static PredictionsFind Parse(string? search, string? sort, string? direction, string? filter)
    {
        var by = sort?.Trim().ToLowerInvariant() switch
        {
            "year" => PredictionsSort.Year,
            "likelihood" => PredictionsSort.Likelihood,
            _ => PredictionsSort.Rank,
        };
        var descending = direction?.Trim().ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => NaturallyDescending(by),
        };
        var show = filter?.Trim().ToLowerInvariant() switch
        {
            "future" => PredictionsFilter.NotYetOnList,
            "added" => PredictionsFilter.OnList,
            _ => PredictionsFilter.All,
        };
        var text = search?.Trim();
        if (text is { Length: > MaxSearchLength })
        {
            text = text[..MaxSearchLength];
        }

        return new PredictionsFind(string.IsNullOrEmpty(text) ? null : text, by, descending, show);
    }

    /// <summary>Whether a sort runs highest first unless the URL says otherwise.</summary>
    public static bool NaturallyDescending(PredictionsSort sort) => sort != PredictionsSort.Rank;

    /// <summary>The query string values of this find, null for each one at its default (so the URL stays short).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["q"] = Search,
        ["sort"] = Sort == PredictionsSort.Rank ? null : Sort.ToString().ToLowerInvariant(),
        ["dir"] = Descending == NaturallyDescending(Sort) ? null : Descending ? "desc" : "asc",
        ["filter"] = Filter switch
        {
            PredictionsFilter.NotYetOnList => "future",
            PredictionsFilter.OnList => "added",
            _ => null,
        },
    };

    /// <summary>The find sorted by <paramref name="sort"/>: its natural direction, or the other one when it already is.</summary>
    public PredictionsFind ToggleSort(PredictionsSort sort) =>
        this with { Sort = sort, Descending = Sort == sort ? !Descending : NaturallyDescending(sort) };

    internal bool Matches(PredictionEntry entry) =>
        Filter switch
        {
            PredictionsFilter.NotYetOnList => entry.Status == PredictionStatus.FuturePrediction,
            PredictionsFilter.OnList => entry.Status == PredictionStatus.AlreadyAdded,
            _ => true,
        }
        && (Search is null
            || entry.Title.Contains(Search, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry.ImdbId, Search, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What a find shows: the first <c>limit</c> matches, how many matched, of how many cached films.</summary>
public sealed record FoundPredictions(IReadOnlyList<PredictionEntry> Entries, int Matched, int Cached)
{
    public bool HasMore => Entries.Count < Matched;
}
