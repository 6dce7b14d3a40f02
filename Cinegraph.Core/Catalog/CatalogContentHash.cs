using System.Security.Cryptography;
using System.Text.Json;

namespace Cinegraph.Core.Catalog;

/// <summary>The SHA-256 of a catalogue's content, by which an import of identical content is recognised and changes nothing.</summary>
internal static class CatalogContentHash
{
    /// <summary>
    /// The hash of the rows in the order of their natural keys: the same content in another row order (or with other
    /// line ends, a BOM, from another folder) is the same catalogue and keeps its data version.
    /// </summary>
    public static string Of(BundleData data, bool isDemo) => AsRead(Canonical(data), isDemo);

    /// <summary>The hash of the rows in the order they were read (what imports stored before <see cref="Of"/>).</summary>
    public static string AsRead(BundleData data, bool isDemo)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { isDemo, data });
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static BundleData Canonical(BundleData data) => new(
        [.. data.Movies.OrderBy(m => m.ImdbId, StringComparer.Ordinal)],
        [.. data.Awards.OrderBy(a => a.ImdbId, StringComparer.Ordinal).ThenBy(a => a.Event, StringComparer.Ordinal).ThenBy(a => a.EventYear)
            .ThenBy(a => a.Award, StringComparer.Ordinal).ThenBy(a => a.Category, StringComparer.Ordinal).ThenBy(a => a.Won)],
        [.. data.Lists.OrderBy(l => l.Key, StringComparer.Ordinal)],
        [.. data.Memberships.OrderBy(m => m.ListKey, StringComparer.Ordinal).ThenBy(m => m.ImdbId, StringComparer.Ordinal).ThenBy(m => m.Edition)],
        [.. data.Credits.OrderBy(c => c.ImdbId, StringComparer.Ordinal).ThenBy(c => c.PersonId, StringComparer.Ordinal)
            .ThenBy(c => c.Category, StringComparer.Ordinal).ThenBy(c => c.EventYear).ThenBy(c => c.Won)]);
}
