using System.ComponentModel.DataAnnotations;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Caching;

/// <summary>The in-memory (L1) layer in front of the cache rows. Bound from the <c>Cache</c> section.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>How long a row read from the database stays in memory; default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan L1Duration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long "no row" is remembered, so a missing decade costs at most one query per key and period; default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MissingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an expired value may still be served while the database fails; default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan FailSafeMaxDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After a failed database read, how long the stale value is served before the database is tried again; default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FailSafeThrottleDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the in-memory catalogue state (profiles, data version) is checked against the database with one query,
    /// so an import by the CLI (another process) is seen within it; default 5 seconds, at most 10.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan CatalogueCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The scoring algorithm version this node writes into the rows it computes and judges rows by; default the version
    /// compiled in (<see cref="ScoringService.AlgorithmVersion"/>). It is a label, not a switch of formulas: set it only
    /// to rehearse two releases on one database (the tests start one node with another version). A row written by a
    /// newer version is kept and shown with a note, never overwritten by an older node.
    /// </summary>
    [Required]
    [RegularExpression(@"^\d+(\.\d+){1,3}$")]
    public string AlgorithmVersion { get; set; } = ScoringService.AlgorithmVersion;
}
