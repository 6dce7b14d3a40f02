using System.Globalization;
using System.Text.RegularExpressions;

namespace Cinegraph.Benchmarks.Load;

/// <summary>
/// The types of a gcdump heapstat report (<c>dotnet-gcdump report FILE</c>: a line per type and size bucket with the
/// bytes of one object of it (the bucket's average), the count and the type), and the difference between two reports:
/// which types a set of open pages added to the live heap.
/// </summary>
public static partial class HeapTypes
{
    /// <summary>One type's live objects in a report.</summary>
    public sealed record Row(string Type, long Bytes, long Count);

    /// <summary>The type rows of a heapstat report with their total bytes, keyed by type (size buckets such as "(Bytes &gt; 10K)" folded into their type).</summary>
    public static IReadOnlyDictionary<string, Row> Parse(string report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (Match match in TypeLine().Matches(report))
        {
            var type = Bucket().Replace(match.Groups["type"].Value, "").Trim();
            var count = Number(match.Groups["count"].Value);
            var bytes = Number(match.Groups["bytes"].Value) * count;
            rows[type] = rows.TryGetValue(type, out var seen) ? seen with { Bytes = seen.Bytes + bytes, Count = seen.Count + count } : new Row(type, bytes, count);
        }

        return rows;
    }

    /// <summary>The types that grew most from <paramref name="before"/> to <paramref name="after"/>, per page, largest first.</summary>
    public static IReadOnlyList<Row> GrowthPerPage(IReadOnlyDictionary<string, Row> before, IReadOnlyDictionary<string, Row> after, int pages, int top)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        return after.Values
            .Select(a => before.TryGetValue(a.Type, out var b) ? new Row(a.Type, a.Bytes - b.Bytes, a.Count - b.Count) : a)
            .Where(r => r.Bytes > 0)
            .OrderByDescending(r => r.Bytes)
            .Take(top)
            .Select(r => new Row(r.Type, r.Bytes / pages, r.Count / pages))
            .ToList();
    }

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    // "      1,234,567     12,345  System.String  [System.Private.CoreLib.dll]" (the module is optional).
    [GeneratedRegex(@"^\s*(?<bytes>[0-9][0-9,]*)\s+(?<count>[0-9][0-9,]*)\s+(?<type>\S.*?)(\s+\[[^\]]*\])?\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"\s*\(Bytes\s*>\s*[0-9]+[KM]?\)", RegexOptions.CultureInvariant)]
    private static partial Regex Bucket();
}
