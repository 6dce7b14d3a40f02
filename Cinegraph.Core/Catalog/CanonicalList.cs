namespace Cinegraph.Core.Catalog;

/// <summary>A list a film can be on: the 1001 book (the target), a critics' canon, a registry or a popularity list.</summary>
public sealed class CanonicalList
{
    /// <summary>The key of the 1001 list, one row per film and book edition.</summary>
    public const string TargetKey = "1001_movies";

    /// <summary>The 1001 list over all editions, without edition numbers.</summary>
    public const string TargetAnyEditionKey = "1001_movies_any_edition";

    public int Id { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary><c>target</c>, <c>canon</c>, <c>registry</c> or <c>popularity</c>.</summary>
    public required string Kind { get; set; }

    public string? Description { get; set; }

    public bool IsTarget => Kind == ListKinds.Target;
}

public static class ListKinds
{
    public const string Target = "target";
    public const string Canon = "canon";
    public const string Registry = "registry";
    public const string Popularity = "popularity";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Target, Canon, Registry, Popularity };
}
