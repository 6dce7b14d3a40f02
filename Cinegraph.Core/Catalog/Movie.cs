namespace Cinegraph.Core.Catalog;

/// <summary>A feature film of the catalogue, keyed by its IMDb id.</summary>
public sealed class Movie
{
    public int Id { get; set; }

    /// <summary>IMDb title id (<c>tt</c> + 7 or 8 digits); the natural key.</summary>
    public required string ImdbId { get; set; }

    public required string Title { get; set; }

    public int Year { get; set; }

    public int? RuntimeMinutes { get; set; }

    public List<string> Genres { get; set; } = [];

    /// <summary>ISO 3166-1 alpha-2 production countries.</summary>
    public List<string> Countries { get; set; } = [];

    public string? OriginalLanguage { get; set; }

    /// <summary>IMDb average rating, 1–10; null when unknown.</summary>
    public double? ImdbRating { get; set; }

    public int? ImdbVotes { get; set; }

    /// <summary>Position 1–5000 in Letterboxd's most-popular list; null when not on it.</summary>
    public int? LetterboxdPopularityRank { get; set; }
}
