using System.Globalization;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Queues, cancels, retries and lists refresh jobs. A profile has at most one unfinished job (the unique key
/// <c>refresh:{profileId}</c>, guarded by a filtered unique index, not by a lock), so a second click while one is queued
/// or running gets that job back with <see cref="EnqueueResult.Conflict"/>.
/// </summary>
public sealed class RefreshManager(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    RefreshQueue queue,
    RunningJobs runningJobs,
    IPredictionEvents events,
    TimeProvider timeProvider,
    IOptions<JobOptions> options,
    ILogger<RefreshManager> logger)
{
    // An insert that conflicts with a job which finishes before we read it is tried again; more than this is a bug.
    private const int InsertTries = 3;

    /// <summary>The unique key of a profile's refresh.</summary>
    public static string UniqueKeyFor(int profileId) => string.Create(CultureInfo.InvariantCulture, $"refresh:{profileId}");

    /// <summary>
    /// Queues a refresh of <paramref name="profileId"/>: the given decades, or by default all eleven
    /// (<see cref="MoviePredictor.Decades"/>) and then the profile's validation and the profile comparison. Returns the
    /// new job, or the profile's unfinished job with <c>Conflict = true</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A decade is not one of <see cref="MoviePredictor.Decades"/>, or none is given.</exception>
    /// <exception cref="KeyNotFoundException">No profile has that id.</exception>
    public async Task<EnqueueResult> EnqueueAsync(int profileId, IReadOnlyList<int>? decades = null, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeDecades(decades);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await EnsureProfileExistsAsync(db, profileId, cancellationToken);
            var result = await InsertOrFindAsync(db, NewJob(profileId, normalized, includeValidation: decades is null), cancellationToken);
            if (result is not null)
            {
                if (!result.Conflict)
                {
                    await SignalQueuedAsync(result.Job, cancellationToken);
                }

                return result;
            }

            if (attempt == InsertTries)
            {
                throw new InvalidOperationException($"Could not queue a refresh of profile {profileId}: its key kept conflicting with a job that was gone when read.");
            }
        }
    }

    /// <summary>
    /// Queues a refresh within the caller's context and its open transaction, if any (e.g. with the change that makes
    /// the refresh necessary). A conflict rolls back only to a savepoint, so the caller's transaction stays usable.
    /// The job exists for the worker once the caller commits; a rollback leaves no job and does not block the key.
    /// After the commit, call <see cref="SignalQueuedAsync"/> to wake the worker at once and publish
    /// <see cref="RefreshQueued"/>; without it the worker's next poll finds the job.
    /// </summary>
    public async Task<EnqueueResult> EnqueueAsync(
        CinegraphDbContext db, int profileId, IReadOnlyList<int>? decades = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalized = NormalizeDecades(decades);
        await EnsureProfileExistsAsync(db, profileId, cancellationToken);
        return await InsertOrFindAsync(db, NewJob(profileId, normalized, includeValidation: decades is null), cancellationToken)
            ?? throw new InvalidOperationException($"Refresh of profile {profileId} conflicted with a job that was gone when read; try again.");
    }

    /// <summary>Queues a full refresh of every active profile; one result per profile, in id order.</summary>
    public async Task<IReadOnlyList<EnqueueResult>> EnqueueAllAsync(CancellationToken cancellationToken = default)
    {
        List<int> profileIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            profileIds = await db.Profiles.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        }

        var results = new List<EnqueueResult>(profileIds.Count);
        foreach (var profileId in profileIds)
        {
            results.Add(await EnqueueAsync(profileId, cancellationToken: cancellationToken));
        }

        return results;
    }

    /// <summary>Wakes the worker for a committed job and publishes <see cref="RefreshQueued"/>.</summary>
    public async Task SignalQueuedAsync(RefreshJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        queue.TryEnqueue(job.Id);
        JobsLog.JobQueued(logger, job.Id, job.ProfileId);
        await events.PublishAsync(new RefreshQueued(job.Id, job.ProfileId), cancellationToken);
    }

    /// <summary>
    /// Cancels a job. One that waits (available, scheduled, retryable) is cancelled at once. One that runs gets
    /// <see cref="RefreshJob.CancelRequested"/> and its token fires (at once in this process, with the next heartbeat
    /// on another node); the worker then marks it cancelled, unless its work completed first, in which case it stays
    /// completed. A finished job is left alone.
    /// </summary>
    public async Task<CancelOutcome> CancelAsync(long jobId, CancellationToken cancellationToken = default)
    {
        // A job may move between the statements (claimed, rescued, finished); another round settles it.
        for (var round = 1; ; round++)
        {
            var outcome = await TryCancelAsync(jobId, cancellationToken);
            if (outcome is { } settled)
            {
                JobsLog.CancelOutcome(logger, jobId, settled);
                return settled;
            }

            if (round == 5)
            {
                throw new InvalidOperationException($"Job {jobId} kept changing state while being cancelled; try again.");
            }
        }
    }

    /// <summary>
    /// Runs a finished job again: a <em>new</em> available job with the same profile and decades, attempts from zero.
    /// The old row stays as it was (with its errors) until pruned, so the job history reads in id order and the latest
    /// job of a profile is always its newest row. When the profile already has an unfinished job, that job is returned
    /// with <c>Conflict = true</c> (also when <paramref name="jobId"/> itself has not finished). Null when no job has that id.
    /// Meant for discarded and cancelled jobs; a completed one is simply run again.
    /// </summary>
    public async Task<EnqueueResult?> RetryAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var old = await GetJobAsync(jobId, cancellationToken);
        if (old is null)
        {
            return null;
        }

        if (!JobStates.IsFinished(old.State))
        {
            return new EnqueueResult(old, Conflict: true);
        }

        // As EnqueueAsync: a conflict with a job that finished before it was read (a cancel/retry storm) is tried again.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var result = await InsertOrFindAsync(db, RetryOf(old), cancellationToken);
            if (result is not null)
            {
                if (!result.Conflict)
                {
                    JobsLog.JobRetried(logger, jobId, result.Job.Id);
                    await SignalQueuedAsync(result.Job, cancellationToken);
                }

                return result;
            }

            if (attempt == InsertTries)
            {
                throw new InvalidOperationException($"Could not retry job {jobId}: its key kept conflicting with a job that was gone when read.");
            }
        }
    }

    /// <summary>
    /// Deletes the finished (completed, cancelled, discarded) jobs among <paramref name="jobIds"/>; an unfinished one is
    /// left as it is (cancel it first). Returns how many were deleted.
    /// </summary>
    public async Task<int> DeleteFinishedAsync(IReadOnlyCollection<long> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        if (jobIds.Count == 0)
        {
            return 0;
        }

        var ids = jobIds.Distinct().ToArray();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.RefreshJobs.Where(j => ids.Contains(j.Id) && JobStateSets.Finished.Contains(j.State)).ExecuteDeleteAsync(cancellationToken);
        JobsLog.JobsDeleted(logger, deleted, ids.Length);
        return deleted;
    }

    public async Task<RefreshJob?> GetJobAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> jobs, newest first.</summary>
    public async Task<IReadOnlyList<RefreshJob>> GetRecentJobsAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshJobs.AsNoTracking().OrderByDescending(j => j.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The newest job of each profile that has one (one query), for the status panel; keyed by profile id.</summary>
    public async Task<IReadOnlyDictionary<int, RefreshJob>> GetLatestJobPerProfileAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.RefreshJobs.AsNoTracking()
            .Where(j => j.Id == db.RefreshJobs.Where(k => k.ProfileId == j.ProfileId).Max(k => k.Id))
            .ToListAsync(cancellationToken);
        return latest.ToDictionary(j => j.ProfileId);
    }

    private async Task<CancelOutcome?> TryCancelAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var cancelled = await db.RefreshJobs
            .Where(j => j.Id == jobId && JobStateSets.Waiting.Contains(j.State))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobStates.Cancelled).SetProperty(j => j.CancelledAt, now), cancellationToken);
        if (cancelled == 1)
        {
            var profileId = await db.RefreshJobs.Where(j => j.Id == jobId).Select(j => j.ProfileId).SingleAsync(cancellationToken);
            await events.PublishAsync(new RefreshFailed(jobId, profileId, JobStates.Cancelled, "Cancelled before it ran."), cancellationToken);
            return CancelOutcome.Cancelled;
        }

        var requested = await db.RefreshJobs
            .Where(j => j.Id == jobId && j.State == JobStates.Executing)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), cancellationToken);
        if (requested == 1)
        {
            runningJobs.TryCancel(jobId);
            return CancelOutcome.Requested;
        }

        var state = await db.RefreshJobs.Where(j => j.Id == jobId).Select(j => j.State).SingleOrDefaultAsync(cancellationToken);
        return state switch
        {
            null => CancelOutcome.NotFound,
            _ when JobStates.IsFinished(state) => CancelOutcome.AlreadyFinished,
            _ => null,
        };
    }

    private async Task<EnqueueResult?> InsertOrFindAsync(CinegraphDbContext db, RefreshJob job, CancellationToken cancellationToken)
    {
        db.RefreshJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new EnqueueResult(job, Conflict: false);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Detached so a later SaveChanges of the caller's context does not try the insert again.
            db.Entry(job).State = EntityState.Detached;
            var existing = await db.RefreshJobs.AsNoTracking()
                .Where(j => j.UniqueKey == job.UniqueKey && JobStateSets.Unfinished.Contains(j.State))
                .OrderByDescending(j => j.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                JobsLog.EnqueueConflict(logger, job.ProfileId, existing.Id);
                return new EnqueueResult(existing, Conflict: true);
            }

            return null;
        }
    }

    private RefreshJob RetryOf(RefreshJob old)
    {
        var now = timeProvider.GetUtcNow();
        return new RefreshJob
        {
            Kind = old.Kind,
            ProfileId = old.ProfileId,
            Decades = old.Decades,
            IncludeValidation = old.IncludeValidation,
            UniqueKey = old.UniqueKey,
            State = JobStates.Available,
            MaxAttempts = options.Value.MaxAttempts,
            InsertedAt = now,
            ScheduledAt = now,
        };
    }

    private RefreshJob NewJob(int profileId, IReadOnlyList<int> decades, bool includeValidation)
    {
        var now = timeProvider.GetUtcNow();
        return new RefreshJob
        {
            Kind = JobKinds.RefreshProfile,
            ProfileId = profileId,
            Decades = decades,
            IncludeValidation = includeValidation,
            UniqueKey = UniqueKeyFor(profileId),
            State = JobStates.Available,
            MaxAttempts = options.Value.MaxAttempts,
            InsertedAt = now,
            ScheduledAt = now,
        };
    }

    private static async Task EnsureProfileExistsAsync(CinegraphDbContext db, int profileId, CancellationToken cancellationToken)
    {
        if (!await db.Profiles.AnyAsync(p => p.Id == profileId, cancellationToken))
        {
            throw new KeyNotFoundException($"No profile with id {profileId}.");
        }
    }

    private static IReadOnlyList<int> NormalizeDecades(IReadOnlyList<int>? decades)
    {
        if (decades is null)
        {
            return MoviePredictor.Decades;
        }

        if (decades.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(decades), "At least one decade is needed; pass null for all of them.");
        }

        var unknown = decades.Where(d => !MoviePredictor.Decades.Contains(d)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(decades), $"Not a decade of the catalogue: {string.Join(", ", unknown)}. Known: {string.Join(", ", MoviePredictor.Decades)}.");
        }

        return [.. decades.Distinct().Order()];
    }
}
