using System.Globalization;
using System.Text.Json;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;

namespace Cinegraph.Core.Caching;

/// <summary>What a cache row's columns decode to: the value, or the problem that makes the row damaged.</summary>
public sealed record CacheRowDecode<T>(T? Value, string? Problem)
    where T : class;

/// <summary>A prediction row's three columns, decoded and checked.</summary>
public sealed record PredictionRowPayload(PredictionEntry[] Entries, PredictionStatistics Statistics, CacheMetadata Metadata);

/// <summary>A validation row, decoded and checked.</summary>
public sealed record ValidationRowPayload(CachedValidation Validation, CacheMetadata Metadata);

/// <summary>The comparison row, decoded and checked.</summary>
public sealed record ComparisonRowPayload(ProfileComparisonResult Comparison, CacheMetadata Metadata);

/// <summary>
/// The one place that decides whether a cache row can be served: it decodes the JSON columns (a format error makes
/// the row damaged, nothing else is caught) and checks every figure's range explicitly (scores and percentages
/// 0–100 and finite, counts not negative and consistent, weights valid). The writer runs the same checks before it
/// writes, so a row it wrote always reads back.
/// </summary>
public static class CacheRowDecoder
{
    public static CacheRowDecode<CacheMetadata> Metadata(string? json) => Decode<CacheMetadata>(json, "metadata", ProblemWith);

    public static CacheRowDecode<PredictionRowPayload> Predictions(string? movieScores, string? statistics, string? metadata)
    {
        var decodedMetadata = Metadata(metadata);
        if (decodedMetadata.Value is not { } meta)
        {
            return Damaged<PredictionRowPayload>(decodedMetadata.Problem!);
        }

        var entries = Decode<PredictionEntry[]>(movieScores, "entries", e => ProblemWith(e));
        if (entries.Value is not { } list)
        {
            return Damaged<PredictionRowPayload>(entries.Problem!);
        }

        var stats = Decode<PredictionStatistics>(statistics, "statistics", s => ProblemWith(s, list.Length));
        return stats.Value is { } value
            ? new(new PredictionRowPayload(list, value, meta), null)
            : Damaged<PredictionRowPayload>(stats.Problem!);
    }

    public static CacheRowDecode<ValidationRowPayload> Validation(string? payload, string? metadata)
    {
        var decodedMetadata = Metadata(metadata);
        if (decodedMetadata.Value is not { } meta)
        {
            return Damaged<ValidationRowPayload>(decodedMetadata.Problem!);
        }

        var validation = Decode<CachedValidation>(payload, "validation", ProblemWith);
        return validation.Value is { } value
            ? new(new ValidationRowPayload(value, meta), null)
            : Damaged<ValidationRowPayload>(validation.Problem!);
    }

    public static CacheRowDecode<ComparisonRowPayload> Comparison(string? payload, string? metadata)
    {
        var decodedMetadata = Metadata(metadata);
        if (decodedMetadata.Value is not { } meta)
        {
            return Damaged<ComparisonRowPayload>(decodedMetadata.Problem!);
        }

        var comparison = Decode<ProfileComparisonResult>(payload, "comparison", ProblemWith);
        return comparison.Value is { } value
            ? new(new ComparisonRowPayload(value, meta), null)
            : Damaged<ComparisonRowPayload>(comparison.Problem!);
    }

    /// <summary>What is out of range in a decade's entries, or null when every figure is valid.</summary>
    public static string? ProblemWith(IReadOnlyList<PredictionEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            if (ProblemWith(entries[i]) is { } problem)
            {
                return $"entry {i + 1}: {problem}";
            }
        }

        return null;
    }

    public static string? ProblemWith(PredictionStatistics statistics, int entries)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Count != entries)
        {
            return $"statistics count {statistics.Count} differs from the {entries} entries";
        }

        if ((Percent("mean likelihood", statistics.MeanLikelihood) ?? Percent("median likelihood", statistics.MedianLikelihood)) is { } problem)
        {
            return problem;
        }

        int[] counts = [statistics.HighConfidence, statistics.MediumConfidence, statistics.LowConfidence, statistics.AlreadyAdded, statistics.FuturePredictions];
        if (counts.Any(c => c < 0)
            || statistics.HighConfidence + statistics.MediumConfidence + statistics.LowConfidence != statistics.Count
            || statistics.AlreadyAdded + statistics.FuturePredictions != statistics.Count)
        {
            return "statistics counts are negative or do not add up";
        }

        return null;
    }

    public static string? ProblemWith(CacheMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (string.IsNullOrWhiteSpace(metadata.AlgorithmVersion) || metadata.ProfileId <= 0 || metadata.WeightsVersion < 0 || metadata.DataVersion < 0)
        {
            return "metadata has no algorithm, profile or versions";
        }

        if (metadata.TotalCandidates < 0 || metadata.FutureCandidates < 0 || metadata.FutureCandidates > metadata.TotalCandidates)
        {
            return "metadata candidate counts are out of range";
        }

        if (!double.IsFinite(metadata.DurationMs) || metadata.DurationMs < 0)
        {
            return "metadata duration is not a finite, non-negative number";
        }

        return metadata.Weights.Validate() is [var first, ..] ? $"metadata weights: {first}" : null;
    }

    public static string? ProblemWith(CachedValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var (profile, backtest) = (validation.Validation, validation.Backtest);
        foreach (var decade in profile.Decades.Append(profile.Provisional))
        {
            if (decade is null || decade.Candidates < 0 || decade.OnList < 0 || decade.Hits < 0 || decade.Hits > decade.OnList)
            {
                return "a decade's validation counts are out of range";
            }
        }

        if ((Percent("micro accuracy", profile.MicroAccuracy) ?? Percent("macro accuracy", profile.MacroAccuracy)) is { } problem)
        {
            return problem;
        }

        if (backtest.Candidates < 0 || backtest.Added < 0 || backtest.Hits < 0 || backtest.Hits > backtest.Added
            || backtest.AddedFilms.Any(f => f is null || f.Rank < 1)
            || backtest.Steps.Any(s => s is null || s.Candidates < 0 || s.Added < 0 || s.Hits < 0 || s.Hits > s.Added))
        {
            return "backtest counts are out of range";
        }

        return null;
    }

    public static string? ProblemWith(ProfileComparisonResult comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        foreach (var row in comparison.Profiles)
        {
            if (row is null)
            {
                return "a comparison row is empty";
            }

            var problem = row.DecadeAccuracies.Select(a => Percent($"{row.ProfileName} {a.Key}s accuracy", a.Value)).FirstOrDefault(p => p is not null)
                ?? Percent($"{row.ProfileName} provisional accuracy", row.ProvisionalAccuracy)
                ?? Percent($"{row.ProfileName} micro accuracy", row.MicroAccuracy)
                ?? Percent($"{row.ProfileName} macro accuracy", row.MacroAccuracy)
                ?? Percent($"{row.ProfileName} standard deviation", row.StandardDeviation);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ProblemWith(PredictionEntry entry)
    {
        if (entry is null)
        {
            return "empty";
        }

        if (entry.Rank < 1 || string.IsNullOrEmpty(entry.ImdbId) || entry.ImdbVotes < 0)
        {
            return "rank, IMDb id or votes out of range";
        }

        if (entry.Status is not (PredictionStatus.AlreadyAdded or PredictionStatus.FuturePrediction))
        {
            return $"unknown status '{entry.Status}'";
        }

        if ((Percent("total score", entry.TotalScore) ?? Percent("likelihood", entry.Likelihood)) is { } problem)
        {
            return problem;
        }

        foreach (var part in entry.Breakdown)
        {
            var partProblem = part is null
                ? "a breakdown part is empty"
                : (part.RawScore is { } raw ? Percent($"{part.Category} raw score", raw) : null)
                    ?? Fraction($"{part.Category} weight", part.Weight)
                    ?? Fraction($"{part.Category} effective weight", part.EffectiveWeight)
                    ?? Percent($"{part.Category} points", part.WeightedPoints);
            if (partProblem is not null)
            {
                return partProblem;
            }
        }

        return null;
    }

    private static CacheRowDecode<T> Damaged<T>(string problem)
        where T : class => new(null, problem);

    private static string? Percent(string what, double value) =>
        double.IsFinite(value) && value is >= 0 and <= 100 ? null : $"{what} {Show(value)} is outside 0–100";

    private static string? Fraction(string what, double value) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? null : $"{what} {Show(value)} is outside 0–1";

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static CacheRowDecode<T> Decode<T>(string? json, string column, Func<T, string?> check)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Damaged<T>($"{column}: empty");
        }

        T value;
        try
        {
            value = CacheJson.Deserialize<T>(json);
        }
        catch (JsonException ex)
        {
            return Damaged<T>($"{column}: not readable ({ex.Message})");
        }

        return check(value) is { } problem ? Damaged<T>($"{column}: {problem}") : new(value, null);
    }
}
