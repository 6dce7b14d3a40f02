using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Caching;

/// <summary>
/// The state of every active profile's cache rows and its latest job, and of the comparison row, for the admin panel;
/// <paramref name="DataChanged"/> when results must be recomputed because the data changed.
/// </summary>
public sealed record CacheStatus(DateTimeOffset At, int DataVersion, IReadOnlyList<ProfileCacheStatus> Profiles, RowStatus Comparison, DataChange? DataChanged)
{
    /// <summary>
    /// The status with the profile's decade row as a job just wrote it (<see cref="Events.DecadeCached"/>): fresh, computed
    /// at <paramref name="calculatedAt"/>. It holds until the next full read, which the job's end brings; unchanged when
    /// the profile is not shown.
    /// </summary>
    public CacheStatus WithDecadeCached(int profileId, int decade, DateTimeOffset calculatedAt, DateTimeOffset now) => this with
    {
        At = now,
        Profiles = [.. Profiles.Select(p => p.ProfileId != profileId ? p : p with
        {
            Decades = [.. p.Decades.Select(r => r.Decade != decade ? r : new RowStatus(decade, true, calculatedAt, now - calculatedAt, Freshness.Fresh, RowStates.Fresh))],
        })],
    };
}

/// <summary>
/// The data changed since results were computed: <paramref name="CatalogueReplaced"/> when data version
/// <paramref name="CatalogueSince"/> began another catalogue (earlier results are not shown), else the results are
/// stale. Either way: refresh all.
/// </summary>
public sealed record DataChange(int DataVersion, bool CatalogueReplaced, int CatalogueSince)
{
    public string Message => CatalogueReplaced
        ? $"The data changed: data version {CatalogueSince} is another catalogue, so results computed before it are not shown. Refresh all profiles."
        : $"The data changed (data version {DataVersion}): some results were computed on older data and are stale. Refresh all profiles.";
}

public sealed record ProfileCacheStatus(
    int ProfileId,
    string ProfileName,
    int WeightsVersion,
    IReadOnlyList<RowStatus> Decades,
    RowStatus Validation,
    JobSummary? LatestJob);

/// <summary>The <see cref="RowStatus.State"/> values.</summary>
public static class RowStates
{
    public const string Missing = "missing";

    public const string Fresh = "fresh";

    public const string Stale = "stale";

    /// <summary>A row is there but cannot be served (unreadable or out of range): pages show it as not computed.</summary>
    public const string Damaged = "damaged";

    /// <summary>A row computed from another catalogue (the demo, or films since removed): pages show it as not computed.</summary>
    public const string OtherCatalogue = "other-catalogue";

    /// <summary>Whether pages can show the row (fresh or stale).</summary>
    public static bool IsServed(string state) => state is Fresh or Stale;
}

/// <summary>
/// One cache row: its <paramref name="State"/> (<see cref="RowStates"/>), whether a row exists at all, when it was
/// computed, how old it is, and whether it is stale and why (null when missing or damaged).
/// </summary>
public sealed record RowStatus(int? Decade, bool Exists, DateTimeOffset? CalculatedAt, TimeSpan? Age, Freshness? Freshness, string State)
{
    public static RowStatus Missing(int? decade) => new(decade, false, null, null, null, RowStates.Missing);
}

/// <summary>
/// What the panel shows of a job; <see cref="LastError"/> and its type are for administrators (see <see cref="ForVisitor"/>).
/// <see cref="AttemptedAt"/> is when its latest attempt started; <see cref="Shape"/> says which jobs are alike for
/// <see cref="JobEstimates"/> (kind, decade count, validation); <see cref="StepEndedAt"/> is when the running attempt's
/// last finished step ended (null before its first).
/// </summary>
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
    string? LastErrorType = null,
    DateTimeOffset? AttemptedAt = null,
    string? Shape = null,
    DateTimeOffset? StepEndedAt = null)
{
    /// <summary>The job as a visitor may see it: a failure reads <see cref="JobErrors.VisitorMessage"/>, with no type.</summary>
    public JobSummary ForVisitor() =>
        this with { LastError = LastError is null ? null : JobErrors.VisitorMessage, LastErrorType = null };
}

/// <summary>
/// Builds <see cref="CacheStatus"/> with a few small queries. A row's payload is read only for a row version that
/// neither the read path nor an earlier status call has judged (<see cref="CacheRowVerdicts"/>), so a damaged row
/// shows as damaged before anyone has opened its page.
/// </summary>
public sealed class CacheStatusReader(IDbContextFactory<CinegraphDbContext> dbFactory, CacheRowVerdicts verdicts, TimeProvider time, IOptions<CacheOptions> options)
{
    public async Task<CacheStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var profiles = await db.Profiles.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var dataVersion = await db.DataImports.MaxAsync(i => (int?)i.DataVersion, cancellationToken) ?? 0;
        var catalogueSince = await CatalogueChanges.Versions(db).MaxAsync(v => (int?)v, cancellationToken) ?? 0;
        var predictions = await db.PredictionCache.AsNoTracking()
            .Select(r => new { r.Id, r.ProfileId, r.Decade, r.Metadata, r.CalculatedAt })
            .ToListAsync(cancellationToken);
        var validations = await db.ValidationCache.AsNoTracking()
            .Select(r => new { r.Id, r.ProfileId, r.Metadata, r.CalculatedAt })
            .ToListAsync(cancellationToken);
        var comparison = await db.ComparisonCache.AsNoTracking()
            .Where(r => r.Key == ComparisonCacheRow.ActiveProfilesKey)
            .Select(r => new { r.Id, r.Metadata, r.CalculatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        await JudgePayloadsAsync(
            db,
            [.. predictions.Where(r => !verdicts.TryGet(CacheKeys.Predictions(r.Decade, r.ProfileId), r.CalculatedAt, out _)).Select(r => r.Id)],
            [.. validations.Where(r => !verdicts.TryGet(CacheKeys.Validation(r.ProfileId), r.CalculatedAt, out _)).Select(r => r.Id)],
            comparison is not null && !verdicts.TryGet(CacheKeys.Comparison, comparison.CalculatedAt, out _),
            cancellationToken);

        var latestJobIds = await db.RefreshJobs.AsNoTracking()
            .GroupBy(j => j.ProfileId)
            .Select(g => g.Max(j => j.Id))
            .ToListAsync(cancellationToken);
        var jobs = (await db.RefreshJobs.AsNoTracking().Where(j => latestJobIds.Contains(j.Id)).ToListAsync(cancellationToken))
            .ToDictionary(j => j.ProfileId);
        var rows = predictions.ToDictionary(r => (r.ProfileId, r.Decade));
        var validationRows = validations.ToDictionary(v => v.ProfileId);

        var olderData = false;

        // weightsVersion null: the row spans every profile (the comparison), so only the algorithm and data count.
        RowStatus Row(string key, int? decade, string? metadata, DateTimeOffset? calculatedAt, int? weightsVersion)
        {
            if (metadata is null || calculatedAt is not { } at)
            {
                return RowStatus.Missing(decade);
            }

            var decoded = CacheRowDecoder.Metadata(metadata);
            if (decoded.Value is not { } computedWith || (verdicts.TryGet(key, at, out var problem) && problem is not null))
            {
                return new RowStatus(decade, true, at, now - at, null, RowStates.Damaged);
            }

            olderData |= computedWith.DataVersion != dataVersion;
            var freshness = Freshness.Of(weightsVersion is null ? computedWith with { WeightsVersion = 0 } : computedWith, weightsVersion ?? 0, dataVersion, options.Value.AlgorithmVersion);
            if (CatalogueChanges.IsFromAnotherCatalogue(computedWith.DataVersion, catalogueSince))
            {
                return new RowStatus(decade, true, at, now - at, freshness, RowStates.OtherCatalogue);
            }

            return new RowStatus(decade, true, at, now - at, freshness, freshness.IsStale ? RowStates.Stale : RowStates.Fresh);
        }

        var result = new List<ProfileCacheStatus>(profiles.Count);
        foreach (var profile in profiles)
        {
            var decades = MoviePredictor.Decades
                .Select(d => rows.TryGetValue((profile.Id, d), out var row)
                    ? Row(CacheKeys.Predictions(d, profile.Id), d, row.Metadata, row.CalculatedAt, profile.WeightsVersion)
                    : RowStatus.Missing(d))
                .ToArray();
            var validation = validationRows.GetValueOrDefault(profile.Id);
            var job = jobs.GetValueOrDefault(profile.Id);
            result.Add(new ProfileCacheStatus(
                profile.Id,
                profile.Name,
                profile.WeightsVersion,
                decades,
                Row(CacheKeys.Validation(profile.Id), null, validation?.Metadata, validation?.CalculatedAt, profile.WeightsVersion),
                job is null ? null : Summarize(job)));
        }

        var comparisonStatus = Row(CacheKeys.Comparison, null, comparison?.Metadata, comparison?.CalculatedAt, null);
        return new CacheStatus(now, dataVersion, result, comparisonStatus, DataChangeOf(result, comparisonStatus, olderData, dataVersion, catalogueSince));
    }

    // Another catalogue began at the current version (or a row from an earlier one is still there) and not every
    // result was computed since: refresh all. Or rows are stale because the data version moved on.
    private static DataChange? DataChangeOf(List<ProfileCacheStatus> profiles, RowStatus comparison, bool olderData, int dataVersion, int catalogueSince)
    {
        var rows = profiles.SelectMany(p => p.Decades.Append(p.Validation)).Append(comparison).ToList();
        var replaced = rows.Any(r => r.State == RowStates.OtherCatalogue)
            || (catalogueSince > 0 && catalogueSince == dataVersion && rows.Any(r => r.State == RowStates.Missing));
        if (replaced)
        {
            return new DataChange(dataVersion, true, catalogueSince);
        }

        return olderData ? new DataChange(dataVersion, false, catalogueSince) : null;
    }

    private async Task JudgePayloadsAsync(CinegraphDbContext db, List<int> predictionIds, List<int> validationIds, bool comparison, CancellationToken cancellationToken)
    {
        if (predictionIds.Count > 0)
        {
            var rows = await db.PredictionCache.AsNoTracking().Where(r => predictionIds.Contains(r.Id))
                .Select(r => new { r.ProfileId, r.Decade, r.MovieScores, r.Statistics, r.Metadata, r.CalculatedAt })
                .ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                verdicts.Record(CacheKeys.Predictions(r.Decade, r.ProfileId), r.CalculatedAt, CacheRowDecoder.Predictions(r.MovieScores, r.Statistics, r.Metadata).Problem);
            }
        }

        if (validationIds.Count > 0)
        {
            var rows = await db.ValidationCache.AsNoTracking().Where(r => validationIds.Contains(r.Id))
                .Select(r => new { r.ProfileId, r.Payload, r.Metadata, r.CalculatedAt })
                .ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                verdicts.Record(CacheKeys.Validation(r.ProfileId), r.CalculatedAt, CacheRowDecoder.Validation(r.Payload, r.Metadata).Problem);
            }
        }

        if (comparison)
        {
            var row = await db.ComparisonCache.AsNoTracking().Where(r => r.Key == ComparisonCacheRow.ActiveProfilesKey)
                .Select(r => new { r.Payload, r.Metadata, r.CalculatedAt })
                .FirstOrDefaultAsync(cancellationToken);
            if (row is not null)
            {
                verdicts.Record(CacheKeys.Comparison, row.CalculatedAt, CacheRowDecoder.Comparison(row.Payload, row.Metadata).Problem);
            }
        }
    }

    public static JobSummary Summarize(RefreshJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var errors = job.Errors;
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
            errors.Count == 0 ? null : errors[^1].Type,
            job.AttemptedAt,
            JobEstimates.ShapeOf(job),
            StepEndedAt(job));
    }

    // The running attempt's start plus the steps it recorded; null when it recorded none yet.
    private static DateTimeOffset? StepEndedAt(RefreshJob job) =>
        job.Attempts.LastOrDefault(a => a.Number == job.Attempt && a.Outcome is null) is { Steps.Count: > 0 } attempt
            ? attempt.StartedAt + TimeSpan.FromSeconds(attempt.Steps.Sum(s => s.Seconds))
            : null;
}
