namespace Cinegraph.Core.Caching;

/// <summary>What the writer reads of any cache row before it overwrites it.</summary>
public interface ICacheRow
{
    /// <summary>JSON <see cref="CacheMetadata"/>: what the row was computed with, its algorithm version included.</summary>
    string Metadata { get; }

    DateTimeOffset CalculatedAt { get; }
}

/// <summary>
/// <c>prediction_cache</c>: the ranked predictions of one decade under one profile, as the refresh job computed
/// them. One row per (decade, profile); written by an upsert, read by a single SELECT.
/// </summary>
public sealed class PredictionCacheRow : ICacheRow
{
    public int Id { get; set; }

    public int Decade { get; set; }

    public int ProfileId { get; set; }

    /// <summary>JSON array of the ranked entries (up to 1000).</summary>
    public required string MovieScores { get; set; }

    /// <summary>JSON <see cref="PredictionStatistics"/>.</summary>
    public required string Statistics { get; set; }

    /// <summary>JSON <see cref="CacheMetadata"/>.</summary>
    public required string Metadata { get; set; }

    public DateTimeOffset CalculatedAt { get; set; }
}

/// <summary><c>validation_cache</c>: one profile's historical validation and edition backtest.</summary>
public sealed class ValidationCacheRow : ICacheRow
{
    public int Id { get; set; }

    public int ProfileId { get; set; }

    /// <summary>JSON <see cref="CachedValidation"/>.</summary>
    public required string Payload { get; set; }

    /// <summary>JSON <see cref="CacheMetadata"/>.</summary>
    public required string Metadata { get; set; }

    public DateTimeOffset CalculatedAt { get; set; }
}

/// <summary><c>comparison_cache</c>: the side-by-side comparison of the active profiles (one row).</summary>
public sealed class ComparisonCacheRow : ICacheRow
{
    /// <summary>The key of the one comparison row.</summary>
    public const string ActiveProfilesKey = "active-profiles";

    public int Id { get; set; }

    public required string Key { get; set; }

    /// <summary>JSON <c>ProfileComparisonResult</c>.</summary>
    public required string Payload { get; set; }

    /// <summary>JSON <see cref="CacheMetadata"/>.</summary>
    public required string Metadata { get; set; }

    public DateTimeOffset CalculatedAt { get; set; }
}
