using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Caching;

/// <summary>The state of every active profile's cache rows and its latest job, for the admin panel.</summary>
public sealed record CacheStatus(DateTimeOffset At, int DataVersion, IReadOnlyList<ProfileCacheStatus> Profiles);

public sealed record ProfileCacheStatus(
    int ProfileId,
    string ProfileName,
    int WeightsVersion,
    IReadOnlyList<RowStatus> Decades,
    RowStatus Validation,
    JobSummary? LatestJob);

/// <summary>One cache row: whether it exists, when it was computed, how old it is, and whether it is stale and why.</summary>
public sealed record RowStatus(int? Decade, bool Exists, DateTimeOffset? CalculatedAt, TimeSpan? Age, Freshness? Freshness);

/// <summary>What the panel shows of a job; <see cref="LastError"/> and its type are for administrators (see <see cref="ForVisitor"/>).</summary>
public sealed record JobSummary(
    long Id,
    string State,
    int Attempt,
    int MaxAttempts,
    int ProgressDone,
    int ProgressTotal,
    string? ProgressNote,
    DateTimeOffset InsertedAt,
    DateTimeOffset? HeartbeatAt,
    string? LastError,
    string? LastErrorType = null)
{
    /// <summary>The job as a visitor may see it: a failure reads <see cref="JobErrors.VisitorMessage"/>, with no type.</summary>
    public JobSummary ForVisitor() =>
        this with { LastError = LastError is null ? null : JobErrors.VisitorMessage, LastErrorType = null };
}

/// <summary>Builds <see cref="CacheStatus"/> with a few small queries (never the cached payloads).</summary>
public sealed class CacheStatusReader(IDbContextFactory<CinegraphDbContext> dbFactory, TimeProvider time)
{
    public async Task<CacheStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var profiles = await db.Profiles.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var dataVersion = await db.DataImports.MaxAsync(i => (int?)i.DataVersion, cancellationToken) ?? 0;
        var predictions = await db.PredictionCache.AsNoTracking()
            .Select(r => new { r.ProfileId, r.Decade, r.Metadata, r.CalculatedAt })
            .ToListAsync(cancellationToken);
        var validations = await db.ValidationCache.AsNoTracking()
            .Select(r => new { r.ProfileId, r.Metadata, r.CalculatedAt })
            .ToListAsync(cancellationToken);
        var latestJobIds = await db.RefreshJobs.AsNoTracking()
            .GroupBy(j => j.ProfileId)
            .Select(g => g.Max(j => j.Id))
            .ToListAsync(cancellationToken);
        var jobs = (await db.RefreshJobs.AsNoTracking().Where(j => latestJobIds.Contains(j.Id)).ToListAsync(cancellationToken))
            .ToDictionary(j => j.ProfileId);
        var rows = predictions.ToDictionary(r => (r.ProfileId, r.Decade));
        var validationRows = validations.ToDictionary(v => v.ProfileId);

        RowStatus Row(int? decade, string? metadata, DateTimeOffset? calculatedAt, MetricWeightProfile profile) =>
            metadata is null || calculatedAt is null
                ? new RowStatus(decade, false, null, null, null)
                : new RowStatus(decade, true, calculatedAt, now - calculatedAt.Value, Freshness.Of(CacheJson.Deserialize<CacheMetadata>(metadata), profile.WeightsVersion, dataVersion));

        var result = new List<ProfileCacheStatus>(profiles.Count);
        foreach (var profile in profiles)
        {
            var decades = MoviePredictor.Decades
                .Select(d => rows.TryGetValue((profile.Id, d), out var row)
                    ? Row(d, row.Metadata, row.CalculatedAt, profile)
                    : Row(d, null, null, profile))
                .ToArray();
            var validation = validationRows.GetValueOrDefault(profile.Id);
            var job = jobs.GetValueOrDefault(profile.Id);
            result.Add(new ProfileCacheStatus(
                profile.Id,
                profile.Name,
                profile.WeightsVersion,
                decades,
                Row(null, validation?.Metadata, validation?.CalculatedAt, profile),
                job is null ? null : Summarize(job)));
        }

        return new CacheStatus(now, dataVersion, result);
    }

    public static JobSummary Summarize(RefreshJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var errors = JobErrors.Parse(job.Errors);
        return new JobSummary(
            job.Id,
            job.State,
            job.Attempt,
            job.MaxAttempts,
            job.ProgressDone,
            job.ProgressTotal,
            job.ProgressNote,
            job.InsertedAt,
            job.HeartbeatAt,
            errors.Count == 0 ? null : errors[^1].Message,
            errors.Count == 0 ? null : errors[^1].Type);
    }
}
