namespace Cinegraph.Core.Catalog;

/// <summary>A film on a list, for one edition where the list has editions.</summary>
public sealed class ListMembership
{
    public int Id { get; set; }

    public int ListId { get; set; }

    public int MovieId { get; set; }

    /// <summary>Book edition (1001), induction year (National Film Registry), or null.</summary>
    public int? Edition { get; set; }

    public int? Rank { get; set; }
}
