using System.Text;

namespace Cinegraph.Core.Catalog;

/// <summary>
/// Reads the CSV bundle documented in <c>shared/data/bundle/README.md</c> and checks every row. The first problem
/// stops the read with a <see cref="BundleFormatException"/> naming the file and line; nothing is half-read.
/// </summary>
public static class BundleReader
{
    public const string MoviesFile = "movies.csv";
    public const string AwardsFile = "awards.csv";
    public const string ListsFile = "lists.csv";
    public const string ListDefinitionsFile = "list_definitions.csv";
    public const string OscarPeopleFile = "oscar_people.csv";

    public const int MinYear = 1880;
    public const int MaxYear = 2100;

    private static readonly string[] MoviesHeader =
        ["imdb_id", "title", "year", "runtime_minutes", "genres", "countries", "original_language", "imdb_rating", "imdb_votes", "letterboxd_popularity_rank"];

    private static readonly string[] AwardsHeader = ["imdb_id", "event", "event_year", "award", "category", "won"];

    private static readonly string[] ListsHeader = ["list_key", "imdb_id", "edition", "rank"];

    private static readonly string[] ListDefinitionsHeader = ["list_key", "name", "kind", "description", "source"];

    private static readonly string[] OscarPeopleHeader = ["imdb_id", "person_id", "person_name", "class", "category", "event_year", "won"];

    /// <summary>The files an import reads, in order.</summary>
    public static IReadOnlyList<string> Files { get; } = [MoviesFile, AwardsFile, ListDefinitionsFile, ListsFile, OscarPeopleFile];

    /// <summary>Reads and checks the whole bundle in <paramref name="folder"/>.</summary>
    public static BundleData Read(string folder, IProgress<string>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new BundleFormatException(folder, 0, $"bundle folder not found (looked in {Path.GetFullPath(folder)})");
        }

        var movies = ReadFile(folder, MoviesFile, MoviesHeader, BundleRowParsers.Movie);
        progress?.Report($"{MoviesFile}: {movies.Count} films");
        CheckUnique(MoviesFile, movies, m => m.ImdbId, m => $"imdb_id '{m.ImdbId}'");
        var knownIds = movies.Select(m => m.Row.ImdbId).ToHashSet(StringComparer.Ordinal);

        var awards = ReadFile(folder, AwardsFile, AwardsHeader, BundleRowParsers.Award);

        // An award row has no data beyond its key: the whole row (an empty won is a 0).
        CheckUnique(AwardsFile, awards, a => a, _ => "award row");
        CheckKnownFilms(AwardsFile, awards, a => a.ImdbId, knownIds);
        progress?.Report($"{AwardsFile}: {awards.Count} award rows");

        var lists = ReadFile(folder, ListDefinitionsFile, ListDefinitionsHeader, BundleRowParsers.List);
        CheckUnique(ListDefinitionsFile, lists, l => l.Key, l => $"list_key '{l.Key}'");
        var listKeys = lists.Select(l => l.Row.Key).ToHashSet(StringComparer.Ordinal);

        progress?.Report($"{ListDefinitionsFile}: {lists.Count} lists");

        var memberships = ReadFile(folder, ListsFile, ListsHeader, BundleRowParsers.Membership);
        foreach (var (line, membership) in memberships)
        {
            if (!listKeys.Contains(membership.ListKey))
            {
                throw new BundleFormatException(ListsFile, line, $"unknown list_key '{membership.ListKey}' (not in {ListDefinitionsFile})");
            }
        }

        CheckUnique(ListsFile, memberships, m => (m.ListKey, m.ImdbId, m.Edition), _ => "(list_key, imdb_id, edition)");

        CheckKnownFilms(ListsFile, memberships, m => m.ImdbId, knownIds);
        progress?.Report($"{ListsFile}: {memberships.Count} list memberships");

        var credits = ReadFile(folder, OscarPeopleFile, OscarPeopleHeader, BundleRowParsers.Credit);

        // Won is part of the key: one person can be nominated twice in a category and year for one film (two songs), winning once.
        CheckUnique(OscarPeopleFile, credits, c => (c.ImdbId, c.PersonId, c.Category, c.EventYear, c.Won), _ => "(imdb_id, person_id, category, event_year, won)");
        CheckKnownFilms(OscarPeopleFile, credits, c => c.ImdbId, knownIds);
        progress?.Report($"{OscarPeopleFile}: {credits.Count} Oscar credits");

        return new BundleData(
            [.. movies.Select(m => m.Row)],
            [.. awards.Select(a => a.Row)],
            [.. lists.Select(l => l.Row)],
            [.. memberships.Select(m => m.Row)],
            [.. credits.Select(c => c.Row)]);
    }

    private static List<(int Line, T Row)> ReadFile<T>(string folder, string file, string[] header, Func<BundleRow, T> parse)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new BundleFormatException(file, 0, $"file not found in {folder}");
        }

        try
        {
            return ReadRows(path, file, header, parse);
        }
        catch (DecoderFallbackException)
        {
            // The decoder works on blocks of bytes: find the line of the first invalid byte in the file itself.
            throw new BundleFormatException(file, Utf8.FirstInvalidLine(path), "not valid UTF-8");
        }
    }

    private static List<(int Line, T Row)> ReadRows<T>(string path, string file, string[] header, Func<BundleRow, T> parse)
    {
        using var reader = new StreamReader(path, Utf8.Strict);
        using var records = CsvFile.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new BundleFormatException(file, 1, "file is empty; expected a header row");
        }

        var actualHeader = records.Current.Fields;
        if (actualHeader.Length > 0)
        {
            actualHeader[0] = actualHeader[0].TrimStart('\uFEFF');
        }

        if (!actualHeader.SequenceEqual(header, StringComparer.Ordinal))
        {
            throw new BundleFormatException(file, 1, $"wrong header: expected '{string.Join(',', header)}', got '{string.Join(',', actualHeader)}'");
        }

        var rows = new List<(int, T)>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.Length != header.Length)
            {
                throw new BundleFormatException(file, record.Line, $"expected {header.Length} fields, got {record.Fields.Length}");
            }

            rows.Add((record.Line, parse(new BundleRow(file, record.Line, header, record.Fields))));
        }

        return rows;
    }

    /// <summary>Stops at the second row with a natural key already seen, naming both lines.</summary>
    private static void CheckUnique<T, TKey>(string file, List<(int Line, T Row)> rows, Func<T, TKey> key, Func<T, string> describe)
        where TKey : notnull
    {
        var seen = new Dictionary<TKey, int>();
        foreach (var (line, row) in rows)
        {
            if (!seen.TryAdd(key(row), line))
            {
                throw new BundleFormatException(file, line, $"duplicate {describe(row)} (same as line {seen[key(row)]})");
            }
        }
    }

    private static void CheckKnownFilms<T>(string file, List<(int Line, T Row)> rows, Func<T, string> imdbId, HashSet<string> knownIds)
    {
        foreach (var (line, row) in rows)
        {
            if (!knownIds.Contains(imdbId(row)))
            {
                throw new BundleFormatException(file, line, $"imdb_id '{imdbId(row)}' is not a row of {MoviesFile}");
            }
        }
    }
}
