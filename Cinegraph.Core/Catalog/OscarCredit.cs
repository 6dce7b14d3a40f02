namespace Cinegraph.Core.Catalog;

/// <summary>A person named in an Oscar nomination of a film: the only credits the bundle carries.</summary>
public sealed class OscarCredit
{
    public int Id { get; set; }

    public int MovieId { get; set; }

    /// <summary>IMDb name id (<c>nm…</c>).</summary>
    public required string PersonId { get; set; }

    public string? PersonName { get; set; }

    public required string Class { get; set; }

    public required string Category { get; set; }

    /// <summary>Ceremony year (film year + 1).</summary>
    public int EventYear { get; set; }

    public bool Won { get; set; }
}
