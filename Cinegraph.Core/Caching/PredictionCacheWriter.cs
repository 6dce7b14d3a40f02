using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Caching;

/// <summary>
/// Writes the cache rows: each an upsert of its own row in one transaction, so re-running a job is harmless and no
/// writer touches another's row. After the commit the read path is told, so no reader gets the old row from memory.
/// Each row records the algorithm version of the node that wrote it (<see cref="CacheOptions.AlgorithmVersion"/>); a row
/// written by a newer version than this node's is kept as it is (logged, and the pages say so), never overwritten.
/// </summary>
public sealed class PredictionCacheWriter(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    PredictionsCache cache,
    TimeProvider time,
    IOptions<CacheOptions> options,
    ILogger<PredictionCacheWriter> logger)
{
    private readonly string _algorithmVersion = options.Value.AlgorithmVersion;

    public async Task<DateTimeOffset> WriteDecadeAsync(MetricWeightProfile profile, DecadePrediction prediction, long? jobId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(prediction);
        var entries = prediction.Entries.ToArray();
        var metadata = Metadata(profile, prediction.DataVersion, jobId, duration) with
        {
            ModelVersion = prediction.ModelVersion,
            TotalCandidates = prediction.TotalCandidates,
            FutureCandidates = prediction.FutureCandidates,
        };
        var statisticsValue = PredictionStatistics.From(entries);
        Refuse(CacheRowDecoder.ProblemWith(entries) ?? CacheRowDecoder.ProblemWith(statisticsValue, entries.Length) ?? CacheRowDecoder.ProblemWith(metadata), nameof(prediction));
        var calculatedAt = Now();
        var movieScores = CacheJson.Serialize(entries);
        var statistics = CacheJson.Serialize(statisticsValue);
        var metadataJson = CacheJson.Serialize(metadata);

        var key = CacheKeys.Predictions(prediction.Decade, profile.Id);
        if (await UpsertAsync(
            key,
            db => db.PredictionCache.SingleOrDefaultAsync(r => r.Decade == prediction.Decade && r.ProfileId == profile.Id, cancellationToken),
            () => new PredictionCacheRow { Decade = prediction.Decade, ProfileId = profile.Id, MovieScores = movieScores, Statistics = statistics, Metadata = metadataJson },
            row =>
            {
                row.MovieScores = movieScores;
                row.Statistics = statistics;
                row.Metadata = metadataJson;
                row.CalculatedAt = calculatedAt;
            },
            cancellationToken) is { } keptAt)
        {
            return keptAt;
        }

        await cache.RowWrittenAsync(key, calculatedAt, cancellationToken);
        CachingLog.RowWritten(logger, key, entries.Length, jobId);
        return calculatedAt;
    }

    public async Task<DateTimeOffset> WriteValidationAsync(MetricWeightProfile profile, CachedValidation validation, int dataVersion, long? jobId, TimeSpan duration, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(validation);
        var computedWith = Metadata(profile, dataVersion, jobId, duration) with { ModelVersion = modelVersion };
        Refuse(CacheRowDecoder.ProblemWith(validation) ?? CacheRowDecoder.ProblemWith(computedWith), nameof(validation));
        var calculatedAt = Now();
        var payload = CacheJson.Serialize(validation);
        var metadata = CacheJson.Serialize(computedWith);
        if (await UpsertAsync(
            CacheKeys.Validation(profile.Id),
            db => db.ValidationCache.SingleOrDefaultAsync(r => r.ProfileId == profile.Id, cancellationToken),
            () => new ValidationCacheRow { ProfileId = profile.Id, Payload = payload, Metadata = metadata },
            row =>
            {
                row.Payload = payload;
                row.Metadata = metadata;
                row.CalculatedAt = calculatedAt;
            },
            cancellationToken) is { } keptAt)
        {
            return keptAt;
        }

        await cache.RowWrittenAsync(CacheKeys.Validation(profile.Id), calculatedAt, cancellationToken);
        return calculatedAt;
    }

    public async Task<DateTimeOffset> WriteComparisonAsync(MetricWeightProfile requestedBy, ProfileComparisonResult comparison, int dataVersion, long? jobId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestedBy);
        ArgumentNullException.ThrowIfNull(comparison);
        var computedWith = Metadata(requestedBy, dataVersion, jobId, duration);
        Refuse(CacheRowDecoder.ProblemWith(comparison) ?? CacheRowDecoder.ProblemWith(computedWith), nameof(comparison));
        var calculatedAt = Now();
        var payload = CacheJson.Serialize(comparison);
        var metadata = CacheJson.Serialize(computedWith);
        if (await UpsertAsync(
            CacheKeys.Comparison,
            db => db.ComparisonCache.SingleOrDefaultAsync(r => r.Key == ComparisonCacheRow.ActiveProfilesKey, cancellationToken),
            () => new ComparisonCacheRow { Key = ComparisonCacheRow.ActiveProfilesKey, Payload = payload, Metadata = metadata },
            row =>
            {
                row.Payload = payload;
                row.Metadata = metadata;
                row.CalculatedAt = calculatedAt;
            },
            cancellationToken) is { } keptAt)
        {
            return keptAt;
        }

        await cache.RowWrittenAsync(CacheKeys.Comparison, calculatedAt, cancellationToken);
        return calculatedAt;
    }

    /// <summary>Deletes one profile's prediction and validation rows; returns how many.</summary>
    public async Task<int> ClearProfileAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.PredictionCache.Where(r => r.ProfileId == profileId).ExecuteDeleteAsync(cancellationToken)
            + await db.ValidationCache.Where(r => r.ProfileId == profileId).ExecuteDeleteAsync(cancellationToken);
        await cache.InvalidateProfileAsync(profileId, cancellationToken);
        CachingLog.ClearedProfile(logger, rows, profileId);
        return rows;
    }

    /// <summary>Deletes every cache row; returns how many.</summary>
    public async Task<int> ClearAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.PredictionCache.ExecuteDeleteAsync(cancellationToken)
            + await db.ValidationCache.ExecuteDeleteAsync(cancellationToken)
            + await db.ComparisonCache.ExecuteDeleteAsync(cancellationToken);
        await cache.InvalidateAllAsync(cancellationToken);
        CachingLog.ClearedAll(logger, rows);
        return rows;
    }

    // A value out of range is a bug in the calculation: it is never written, so it can never be served.
    private static void Refuse(string? problem, string parameter)
    {
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(parameter, problem);
        }
    }

    // Whole milliseconds: every provider stores them exactly, so the value read back equals the value written.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private CacheMetadata Metadata(MetricWeightProfile profile, int dataVersion, long? jobId, TimeSpan duration) =>
        new(_algorithmVersion, profile.Id, profile.Name, profile.WeightsVersion, profile.Weights, dataVersion, 0, 0, jobId, duration.TotalMilliseconds);

    /// <summary>
    /// Updates the row, or inserts it when there is none; returns null when written, or the kept row's time when the row
    /// was written by a newer algorithm than this node's (then nothing is written). Two writers can both find none and
    /// both insert (jobs of two profiles on two nodes write the one comparison row): the one whose insert loses on the
    /// key writes again, now as an update of the row the other inserted. Any other failure, or a second one, is thrown.
    /// </summary>
    private async Task<DateTimeOffset?> UpsertAsync<TRow>(
        string key,
        Func<CinegraphDbContext, Task<TRow?>> find,
        Func<TRow> create,
        Action<TRow> update,
        CancellationToken cancellationToken)
        where TRow : class, ICacheRow
    {
        var inserting = false;
        try
        {
            return await UpsertOnceAsync(key, find, create, update, inserted => inserting = inserted, cancellationToken);
        }
        catch (DbUpdateException) when (inserting)
        {
            return await UpsertOnceAsync(key, find, create, update, _ => { }, cancellationToken);
        }
    }

    private async Task<DateTimeOffset?> UpsertOnceAsync<TRow>(
        string key,
        Func<CinegraphDbContext, Task<TRow?>> find,
        Func<TRow> create,
        Action<TRow> update,
        Action<bool> inserting,
        CancellationToken cancellationToken)
        where TRow : class, ICacheRow
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await find(db);
        inserting(row is null);
        if (row is null)
        {
            row = create();
            db.Add(row);
        }
        else if (CacheRowDecoder.Metadata(row.Metadata).Value is { } written && AlgorithmVersions.IsNewer(written.AlgorithmVersion, _algorithmVersion))
        {
            CachingLog.NewerRowKept(logger, key, written.AlgorithmVersion, _algorithmVersion);
            return row.CalculatedAt;
        }

        update(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
