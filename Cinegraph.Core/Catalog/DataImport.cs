namespace Cinegraph.Core.Catalog;

/// <summary>One import that changed the catalogue; the newest row carries the current data version.</summary>
public sealed class DataImport
{
    public int Id { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>Where the data came from: a bundle folder, or <c>demo</c>.</summary>
    public required string Source { get; set; }

    public bool IsDemo { get; set; }

    /// <summary>SHA-256 of the imported content; an import of identical content changes nothing.</summary>
    public required string ContentHash { get; set; }

    public int DataVersion { get; set; }

    /// <summary>
    /// This import is another catalogue than the one before it (the demo replaced by a bundle or back, or films
    /// removed): the cache rows computed before it were cleared, and any computed before it are never shown.
    /// </summary>
    public bool CatalogueReplaced { get; set; }

    public int Movies { get; set; }

    public int Awards { get; set; }

    public int Lists { get; set; }

    public int Memberships { get; set; }

    public int Credits { get; set; }
}
