using System.Collections.Concurrent;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace Cinegraph.Core.Caching;

/// <summary>
/// The read path: memory (L1) → the database row → <see cref="CacheRead{T}.Missing"/>. It never computes anything.
/// One SELECT per L1 miss; concurrent misses of one key share that SELECT; while the database fails, an expired
/// value is served (fail-safe). Rows are written by <see cref="PredictionCacheWriter"/>, which tells this class.
/// L1 holds the decoded row only: whether it is stale, or from another catalogue, is judged at every read against the
/// versions <see cref="CatalogueState"/> holds in memory, so an import seen by the state shows at once.
/// </summary>
public sealed class PredictionsCache(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    IFusionCache cache,
    IOptions<CacheOptions> options,
    CacheRowVerdicts verdicts,
    CatalogueState state,
    ILogger<PredictionsCache> logger)
{
    // The newest calculated_at written per key: a value older than this is never served from L1, whatever a
    // concurrent read put there (the invalidation race of FusionCache #613).
    private readonly ConcurrentDictionary<string, DateTimeOffset> _newestWritten = new(StringComparer.Ordinal);

    /// <summary>The decade's predictions under the profile, the first <paramref name="limit"/> entries.</summary>
    public async Task<CacheRead<CachedPredictions>> GetPredictionsAsync(int decade, int profileId, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var key = CacheKeys.Predictions(decade, profileId);
        return await ReadAsync(
            key,
            CacheKeys.ProfileTag(profileId),
            ct => LoadPredictionsAsync(decade, profileId, ct),
            p => p.CalculatedAt,
            p => p.Metadata,
            (p, versions) => new CachedPredictions(
                decade,
                p.CalculatedAt,
                p.Entries.Count > limit ? p.Entries.Take(limit).ToArray() : p.Entries,
                p.Statistics,
                p.Metadata,
                Freshness.Of(p.Metadata, versions.WeightsVersionOf(profileId), versions.DataVersion, options.Value.AlgorithmVersion)),
            cancellationToken);
    }

    public Task<CacheRead<CachedProfileValidation>> GetValidationAsync(int profileId, CancellationToken cancellationToken = default) =>
        ReadAsync(
            CacheKeys.Validation(profileId),
            CacheKeys.ProfileTag(profileId),
            ct => LoadValidationAsync(profileId, ct),
            v => v.CalculatedAt,
            v => v.Metadata,
            (v, versions) => new CachedProfileValidation(
                v.CalculatedAt, v.Validation.Validation, v.Validation.Backtest, v.Metadata,
                Freshness.Of(v.Metadata, versions.WeightsVersionOf(profileId), versions.DataVersion, options.Value.AlgorithmVersion)),
            cancellationToken);

    public Task<CacheRead<CachedComparison>> GetComparisonAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            CacheKeys.Comparison,
            CacheKeys.ComparisonTag,
            LoadComparisonAsync,
            c => c.CalculatedAt,
            c => c.Metadata,
            (c, versions) => new CachedComparison(
                c.CalculatedAt, c.Comparison, c.Metadata, Freshness.Of(c.Metadata with { WeightsVersion = 0 }, 0, versions.DataVersion, options.Value.AlgorithmVersion)),
            cancellationToken);

    /// <summary>Called by the writer after a row was committed: the next read of the key gets the new row.</summary>
    public async Task RowWrittenAsync(string key, DateTimeOffset calculatedAt, CancellationToken cancellationToken = default)
    {
        _newestWritten.AddOrUpdate(key, calculatedAt, (_, old) => old > calculatedAt ? old : calculatedAt);
        await cache.RemoveAsync(key, token: cancellationToken);
    }

    /// <summary>Drops every L1 entry of one profile (its weights changed, or its rows were cleared) and the versions in memory.</summary>
    public async Task InvalidateProfileAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await cache.RemoveByTagAsync(CacheKeys.ProfileTag(profileId), token: cancellationToken);
        await cache.RemoveByTagAsync(CacheKeys.ComparisonTag, token: cancellationToken);
        state.Invalidate();
    }

    /// <summary>Drops every L1 entry and the versions in memory (data imported, or all rows cleared).</summary>
    public async Task InvalidateAllAsync(CancellationToken cancellationToken = default)
    {
        await cache.ClearAsync(allowFailSafe: false, token: cancellationToken);
        state.Invalidate();
    }

    /// <summary>Whether an exception says the database could not be reached or read (an outage, not a bug).</summary>
    public static bool IsDatabaseFailure(Exception ex) =>
        ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException or DbUpdateException
        || (ex?.InnerException is { } inner && IsDatabaseFailure(inner));

    private async Task<CacheRead<TResult>> ReadAsync<TRow, TResult>(
        string key,
        string tag,
        Func<CancellationToken, Task<TRow?>> load,
        Func<TRow, DateTimeOffset> calculatedAt,
        Func<TRow, CacheMetadata> metadata,
        Func<TRow, CatalogueSnapshot, TResult> judge,
        CancellationToken cancellationToken)
        where TRow : class
    {
        var settings = options.Value;
        var entryOptions = new FusionCacheEntryOptions(settings.L1Duration)
        {
            IsFailSafeEnabled = true,
            FailSafeMaxDuration = settings.FailSafeMaxDuration,
            FailSafeThrottleDuration = settings.FailSafeThrottleDuration,

            // A fill only reads the database row; other nodes' copies of it stay good (removals and clears do notify).
            SkipBackplaneNotifications = true,
        };

        try
        {
            var versions = await state.GetAsync(cancellationToken);
            for (var attempt = 0; ; attempt++)
            {
                var fromDatabase = false;
                var value = await cache.GetOrSetAsync<TRow?>(
                    key,
                    async (context, ct) =>
                    {
                        // A damaged row (see CacheRowDecoder) loads as null: not computed, a refresh rewrites it.
                        fromDatabase = true;
                        var loaded = await load(ct);
                        CacheMetrics.Read("database", loaded is not null);
                        if (loaded is null)
                        {
                            // "Not computed yet" is remembered only briefly: a refresh will fill it soon.
                            context.Options.Duration = settings.MissingDuration;
                            context.Options.IsFailSafeEnabled = false;
                        }

                        return loaded;
                    },
                    default,
                    entryOptions,
                    [tag],
                    cancellationToken);
                CacheMetrics.Read("l1", !fromDatabase);

                // A row computed from an earlier catalogue than today's is never served.
                if (value is null || CatalogueChanges.IsFromAnotherCatalogue(metadata(value).DataVersion, versions.CatalogueSince))
                {
                    return new CacheRead<TResult>.Missing();
                }

                if (attempt == 0 && _newestWritten.TryGetValue(key, out var newest) && calculatedAt(value) < newest)
                {
                    await cache.RemoveAsync(key, token: cancellationToken);
                    continue;
                }

                return new CacheRead<TResult>.Ready(judge(value, versions));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && IsDatabaseFailure(ex))
        {
            CachingLog.ReadFailed(logger, key, ex);
            return new CacheRead<TResult>.Unavailable(ex.Message);
        }
    }

    private async Task<PredictionsRow?> LoadPredictionsAsync(int decade, int profileId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PredictionCache.AsNoTracking()
            .Where(r => r.Decade == decade && r.ProfileId == profileId)
            .Select(r => new { r.MovieScores, r.Statistics, r.Metadata, r.CalculatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var decoded = Judge(CacheKeys.Predictions(decade, profileId), row.CalculatedAt, CacheRowDecoder.Predictions(row.MovieScores, row.Statistics, row.Metadata));
        return decoded is null ? null : new PredictionsRow(row.CalculatedAt, decoded.Entries, decoded.Statistics, decoded.Metadata);
    }

    private async Task<ValidationRow?> LoadValidationAsync(int profileId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ValidationCache.AsNoTracking()
            .Where(r => r.ProfileId == profileId)
            .Select(r => new { r.Payload, r.Metadata, r.CalculatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var decoded = Judge(CacheKeys.Validation(profileId), row.CalculatedAt, CacheRowDecoder.Validation(row.Payload, row.Metadata));
        return decoded is null ? null : new ValidationRow(row.CalculatedAt, decoded.Validation, decoded.Metadata);
    }

    private async Task<ComparisonRow?> LoadComparisonAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ComparisonCache.AsNoTracking()
            .Where(r => r.Key == ComparisonCacheRow.ActiveProfilesKey)
            .Select(r => new { r.Payload, r.Metadata, r.CalculatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var decoded = Judge(CacheKeys.Comparison, row.CalculatedAt, CacheRowDecoder.Comparison(row.Payload, row.Metadata));
        return decoded is null ? null : new ComparisonRow(row.CalculatedAt, decoded.Comparison, decoded.Metadata);
    }

    private T? Judge<T>(string key, DateTimeOffset calculatedAt, CacheRowDecode<T> decoded)
        where T : class
    {
        verdicts.Record(key, calculatedAt, decoded.Problem);
        return decoded.Value;
    }

    // What L1 holds: the decoded rows, without any judgement of their freshness.
    private sealed record PredictionsRow(DateTimeOffset CalculatedAt, IReadOnlyList<PredictionEntry> Entries, PredictionStatistics Statistics, CacheMetadata Metadata);

    private sealed record ValidationRow(DateTimeOffset CalculatedAt, CachedValidation Validation, CacheMetadata Metadata);

    private sealed record ComparisonRow(DateTimeOffset CalculatedAt, ProfileComparisonResult Comparison, CacheMetadata Metadata);
}

/// <summary>A profile's validation as read from the cache.</summary>
public sealed record CachedProfileValidation(
    DateTimeOffset CalculatedAt,
    ProfileValidation Validation,
    EditionBacktest Backtest,
    CacheMetadata Metadata,
    Freshness Freshness);

/// <summary>The profile comparison as read from the cache.</summary>
public sealed record CachedComparison(DateTimeOffset CalculatedAt, ProfileComparisonResult Comparison, CacheMetadata Metadata, Freshness Freshness);

/// <summary>The keys and tags of the L1 entries.</summary>
public static class CacheKeys
{
    public const string Comparison = "comparison";

    public const string ComparisonTag = "comparison";

    public static string Predictions(int decade, int profileId) => $"predictions:{profileId}:{decade}";

    public static string Validation(int profileId) => $"validation:{profileId}";

    public static string ProfileTag(int profileId) => $"profile:{profileId}";
}
