namespace Cinegraph.Core.Catalog;

/// <summary>A nomination, a festival line-up place or a win of one film at one event.</summary>
public sealed class AwardNomination
{
    public int Id { get; set; }

    public int MovieId { get; set; }

    /// <summary>Event key as the bundle names it: <c>oscars</c>, <c>cannes</c>, <c>bafta</c>, <c>nyfcc</c>, …</summary>
    public required string Event { get; set; }

    public int EventYear { get; set; }

    public required string Award { get; set; }

    public required string Category { get; set; }

    public bool Won { get; set; }
}
