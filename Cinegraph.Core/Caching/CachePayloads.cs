using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;

namespace Cinegraph.Core.Caching;

/// <summary>What a cached row was computed with; compared with today's versions to tell whether it is stale.</summary>
public sealed record CacheMetadata(
    string AlgorithmVersion,
    int ProfileId,
    string ProfileName,
    int WeightsVersion,
    CategoryWeights Weights,
    int DataVersion,
    int TotalCandidates,
    int FutureCandidates,
    long? JobId,
    double DurationMs,
    string? ModelVersion = null);

/// <summary>Summary figures of a decade's cached likelihoods.</summary>
/// <param name="HighConfidence">Likelihood ≥ 80.</param>
/// <param name="MediumConfidence">Likelihood 50 to under 80.</param>
/// <param name="LowConfidence">Likelihood under 50.</param>
public sealed record PredictionStatistics(
    int Count,
    double MeanLikelihood,
    double MedianLikelihood,
    int HighConfidence,
    int MediumConfidence,
    int LowConfidence,
    int AlreadyAdded,
    int FuturePredictions)
{
    public static PredictionStatistics From(IReadOnlyList<PredictionEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return new PredictionStatistics(0, 0, 0, 0, 0, 0, 0, 0);
        }

        var likelihoods = entries.Select(e => e.Likelihood).Order().ToArray();
        var middle = likelihoods.Length / 2;
        var median = likelihoods.Length % 2 == 1 ? likelihoods[middle] : (likelihoods[middle - 1] + likelihoods[middle]) / 2;
        return new PredictionStatistics(
            entries.Count,
            likelihoods.Average(),
            median,
            likelihoods.Count(l => LikelihoodBands.Of(l) == LikelihoodBand.High),
            likelihoods.Count(l => LikelihoodBands.Of(l) == LikelihoodBand.Medium),
            likelihoods.Count(l => LikelihoodBands.Of(l) == LikelihoodBand.Low),
            entries.Count(e => e.Status == PredictionStatus.AlreadyAdded),
            entries.Count(e => e.Status == PredictionStatus.FuturePrediction));
    }
}

/// <summary>A profile's validation and edition backtest, as cached.</summary>
public sealed record CachedValidation(ProfileValidation Validation, EditionBacktest Backtest);

/// <summary>
/// Whether a cached row matches today's algorithm, profile weights and data, and if not why. <paramref name="AlgorithmNote"/>
/// says when the row was written by a newer algorithm than this node runs (another node, already upgraded): such a row
/// is not stale here, and this node does not overwrite it.
/// </summary>
public sealed record Freshness(bool IsStale, IReadOnlyList<string> Reasons, string? AlgorithmNote = null)
{
    public static Freshness Fresh { get; } = new(false, []);

    /// <summary>Compares what a row was computed with against today's versions; <paramref name="algorithmVersion"/> is this node's.</summary>
    public static Freshness Of(CacheMetadata computedWith, int currentWeightsVersion, int currentDataVersion, string algorithmVersion)
    {
        ArgumentNullException.ThrowIfNull(computedWith);
        var reasons = new List<string>();
        string? note = null;
        if (AlgorithmVersions.IsNewer(computedWith.AlgorithmVersion, algorithmVersion))
        {
            note = $"computed with algorithm {computedWith.AlgorithmVersion}, newer than this node's {algorithmVersion}";
        }
        else if (computedWith.AlgorithmVersion != algorithmVersion)
        {
            reasons.Add($"algorithm changed ({computedWith.AlgorithmVersion} → {algorithmVersion})");
        }

        if (computedWith.WeightsVersion != currentWeightsVersion && computedWith.ModelVersion is { } model)
        {
            // A learned profile's weights version moves with every fit of its model.
            reasons.Add($"model refitted (scored with model {model}, weights version {computedWith.WeightsVersion} → {currentWeightsVersion})");
        }
        else if (computedWith.WeightsVersion != currentWeightsVersion)
        {
            reasons.Add($"profile weights changed (version {computedWith.WeightsVersion} → {currentWeightsVersion})");
        }

        if (computedWith.DataVersion != currentDataVersion)
        {
            reasons.Add($"data changed (version {computedWith.DataVersion} → {currentDataVersion})");
        }

        return reasons.Count == 0 && note is null ? Fresh : new Freshness(reasons.Count > 0, reasons, note);
    }
}

/// <summary>Orders algorithm versions (<c>2026.11.2</c>): numerically, part by part.</summary>
public static class AlgorithmVersions
{
    /// <summary>True when <paramref name="version"/> is a later version than <paramref name="than"/>; false when either does not parse.</summary>
    public static bool IsNewer(string version, string than) =>
        Version.TryParse(version, out var a) && Version.TryParse(than, out var b) && a > b;
}

/// <summary>A decade's predictions as read from the cache.</summary>
public sealed record CachedPredictions(
    int Decade,
    DateTimeOffset CalculatedAt,
    IReadOnlyList<PredictionEntry> Entries,
    PredictionStatistics Statistics,
    CacheMetadata Metadata,
    Freshness Freshness);

/// <summary>The result of a cache read: <see cref="Ready"/> with the value, or <see cref="Missing"/> — never null, never computed.</summary>
public abstract record CacheRead<T>
{
    private CacheRead()
    {
    }

    public sealed record Ready(T Value) : CacheRead<T>;

    /// <summary>Nothing is cached for this key: a refresh job has to compute it.</summary>
    public sealed record Missing : CacheRead<T>;

    /// <summary>The database could not be read and memory held no earlier value to serve.</summary>
    public sealed record Unavailable(string Reason) : CacheRead<T>;

    public bool IsReady => this is Ready;
}
