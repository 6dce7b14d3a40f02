using System.Collections.Concurrent;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
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
/// </summary>
public sealed class PredictionsCache(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    IFusionCache cache,
    IOptions<CacheOptions> options,
    CacheRowVerdicts verdicts,
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
        var read = await ReadAsync(key, CacheKeys.ProfileTag(profileId), ct => LoadPredictionsAsync(decade, profileId, ct), p => p.CalculatedAt, cancellationToken);
        return read is CacheRead<CachedPredictions>.Ready { Value: var value } && value.Entries.Count > limit
            ? new CacheRead<CachedPredictions>.Ready(value with { Entries = value.Entries.Take(limit).ToArray() })
            : read;
    }

    public Task<CacheRead<CachedProfileValidation>> GetValidationAsync(int profileId, CancellationToken cancellationToken = default) =>
        ReadAsync(CacheKeys.Validation(profileId), CacheKeys.ProfileTag(profileId), ct => LoadValidationAsync(profileId, ct), v => v.CalculatedAt, cancellationToken);

    public Task<CacheRead<CachedComparison>> GetComparisonAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(CacheKeys.Comparison, CacheKeys.ComparisonTag, LoadComparisonAsync, c => c.CalculatedAt, cancellationToken);

    /// <summary>Called by the writer after a row was committed: the next read of the key gets the new row.</summary>
    public async Task RowWrittenAsync(string key, DateTimeOffset calculatedAt, CancellationToken cancellationToken = default)
    {
        _newestWritten.AddOrUpdate(key, calculatedAt, (_, old) => old > calculatedAt ? old : calculatedAt);
        await cache.RemoveAsync(key, token: cancellationToken);
    }

    /// <summary>Drops every L1 entry of one profile (its weights changed, or its rows were cleared).</summary>
    public async Task InvalidateProfileAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await cache.RemoveByTagAsync(CacheKeys.ProfileTag(profileId), token: cancellationToken);
        await cache.RemoveByTagAsync(CacheKeys.ComparisonTag, token: cancellationToken);
    }

    /// <summary>Drops every L1 entry (data imported, or all rows cleared).</summary>
    public Task InvalidateAllAsync(CancellationToken cancellationToken = default) =>
        cache.ClearAsync(allowFailSafe: false, token: cancellationToken).AsTask();

    private async Task<CacheRead<T>> ReadAsync<T>(
        string key,
        string tag,
        Func<CancellationToken, Task<T?>> load,
        Func<T, DateTimeOffset> calculatedAt,
        CancellationToken cancellationToken)
        where T : class
    {
        var settings = options.Value;
        var entryOptions = new FusionCacheEntryOptions(settings.L1Duration)
        {
            IsFailSafeEnabled = true,
            FailSafeMaxDuration = settings.FailSafeMaxDuration,
            FailSafeThrottleDuration = settings.FailSafeThrottleDuration,
        };

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var value = await cache.GetOrSetAsync<T?>(
                    key,
                    async (context, ct) =>
                    {
                        // A damaged row (see CacheRowDecoder) loads as null: not computed, a refresh rewrites it.
                        var loaded = await load(ct);
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

                if (value is null)
                {
                    return new CacheRead<T>.Missing();
                }

                if (attempt == 0 && _newestWritten.TryGetValue(key, out var newest) && calculatedAt(value) < newest)
                {
                    await cache.RemoveAsync(key, token: cancellationToken);
                    continue;
                }

                return new CacheRead<T>.Ready(value);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && IsDatabaseFailure(ex))
        {
            CachingLog.ReadFailed(logger, key, ex);
            return new CacheRead<T>.Unavailable(ex.Message);
        }
    }

    private static bool IsDatabaseFailure(Exception ex) =>
        ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException or DbUpdateException
        || (ex.InnerException is { } inner && IsDatabaseFailure(inner));

    private async Task<CachedPredictions?> LoadPredictionsAsync(int decade, int profileId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // One SELECT: the row, and today's weights and data versions and where today's catalogue began, to judge it.
        var catalogueChanges = CatalogueChanges.Versions(db);
        var row = await db.PredictionCache.AsNoTracking()
            .Where(r => r.Decade == decade && r.ProfileId == profileId)
            .Select(r => new
            {
                r.MovieScores,
                r.Statistics,
                r.Metadata,
                r.CalculatedAt,
                WeightsVersion = db.Profiles.Where(p => p.Id == r.ProfileId).Select(p => p.WeightsVersion).FirstOrDefault(),
                DataVersion = db.DataImports.Max(i => (int?)i.DataVersion) ?? 0,
                CatalogueSince = catalogueChanges.Max(v => (int?)v) ?? 0,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var decoded = Judge(CacheKeys.Predictions(decade, profileId), row.CalculatedAt, CacheRowDecoder.Predictions(row.MovieScores, row.Statistics, row.Metadata));
        return decoded is null || CatalogueChanges.IsFromAnotherCatalogue(decoded.Metadata.DataVersion, row.CatalogueSince)
            ? null
            : new CachedPredictions(decade, row.CalculatedAt, decoded.Entries, decoded.Statistics, decoded.Metadata, Freshness.Of(decoded.Metadata, row.WeightsVersion, row.DataVersion));
    }

    private async Task<CachedProfileValidation?> LoadValidationAsync(int profileId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var catalogueChanges = CatalogueChanges.Versions(db);
        var row = await db.ValidationCache.AsNoTracking()
            .Where(r => r.ProfileId == profileId)
            .Select(r => new
            {
                r.Payload,
                r.Metadata,
                r.CalculatedAt,
                WeightsVersion = db.Profiles.Where(p => p.Id == r.ProfileId).Select(p => p.WeightsVersion).FirstOrDefault(),
                DataVersion = db.DataImports.Max(i => (int?)i.DataVersion) ?? 0,
                CatalogueSince = catalogueChanges.Max(v => (int?)v) ?? 0,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var decoded = Judge(CacheKeys.Validation(profileId), row.CalculatedAt, CacheRowDecoder.Validation(row.Payload, row.Metadata));
        return decoded is null || CatalogueChanges.IsFromAnotherCatalogue(decoded.Metadata.DataVersion, row.CatalogueSince)
            ? null
            : new CachedProfileValidation(row.CalculatedAt, decoded.Validation.Validation, decoded.Validation.Backtest, decoded.Metadata, Freshness.Of(decoded.Metadata, row.WeightsVersion, row.DataVersion));
    }

    private async Task<CachedComparison?> LoadComparisonAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var catalogueChanges = CatalogueChanges.Versions(db);
        var row = await db.ComparisonCache.AsNoTracking()
            .Where(r => r.Key == ComparisonCacheRow.ActiveProfilesKey)
            .Select(r => new
            {
                r.Payload,
                r.Metadata,
                r.CalculatedAt,
                DataVersion = db.DataImports.Max(i => (int?)i.DataVersion) ?? 0,
                CatalogueSince = catalogueChanges.Max(v => (int?)v) ?? 0,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var decoded = Judge(CacheKeys.Comparison, row.CalculatedAt, CacheRowDecoder.Comparison(row.Payload, row.Metadata));
        return decoded is null || CatalogueChanges.IsFromAnotherCatalogue(decoded.Metadata.DataVersion, row.CatalogueSince)
            ? null
            : new CachedComparison(row.CalculatedAt, decoded.Comparison, decoded.Metadata, Freshness.Of(decoded.Metadata with { WeightsVersion = 0 }, 0, row.DataVersion));
    }

    private T? Judge<T>(string key, DateTimeOffset calculatedAt, CacheRowDecode<T> decoded)
        where T : class
    {
        verdicts.Record(key, calculatedAt, decoded.Problem);
        return decoded.Value;
    }
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
