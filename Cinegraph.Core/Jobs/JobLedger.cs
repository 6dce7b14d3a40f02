using System.Globalization;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Every statement that moves a job between states, in one place. The writes of a running attempt are fenced on
/// (id, executing, this node, this attempt), so an attempt that was rescued away (its node looked dead) cannot
/// overwrite what its successor does; a fenced write returns 0 rows, here "null" or "false", when the attempt is no
/// longer ours. Each call opens its own context and runs one try: callers choose the retries.
/// </summary>
public sealed class JobLedger(IDbContextFactory<CinegraphDbContext> dbFactory, TimeProvider timeProvider, IOptions<JobOptions> options)
{
    private string Node => options.Value.Node;

    /// <summary>Ids of the due waiting jobs, oldest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<long>> DueJobIdsAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        return await db.RefreshJobs.AsNoTracking()
            .Where(j => JobStateSets.Waiting.Contains(j.State) && j.ScheduledAt <= now && !j.CancelRequested)
            .OrderBy(j => j.ScheduledAt).ThenBy(j => j.Id)
            .Select(j => j.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many jobs the table holds in each state (states without any are left out).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshJobs.AsNoTracking()
            .GroupBy(j => j.State)
            .Select(g => new { State = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.State, g => g.Count, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// Claims the job for this node if it is due and waiting; returns the claimed row, or null when another claim won.
    /// On PostgreSQL the row is locked with <c>FOR UPDATE SKIP LOCKED</c>, so a node never waits on a row another node
    /// is claiming (it skips it); elsewhere the conditional UPDATE decides alone (SQLite serializes its writers).
    /// </summary>
    public async ValueTask<RefreshJob?> ClaimAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var node = Node;
        var claimed = db.Database.IsNpgsql()
            ? await ClaimSkippingLockedAsync(db, jobId, now, node, cancellationToken)
            : await db.RefreshJobs
                .Where(j => j.Id == jobId && JobStateSets.Waiting.Contains(j.State) && j.ScheduledAt <= now && !j.CancelRequested)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(j => j.State, JobStates.Executing)
                        .SetProperty(j => j.Attempt, j => j.Attempt + 1)
                        .SetProperty(j => j.AttemptedAt, now)
                        .SetProperty(j => j.AttemptedBy, node)
                        .SetProperty(j => j.HeartbeatAt, now)
                        .SetProperty(j => j.ProgressDone, 0)
                        .SetProperty(j => j.ProgressTotal, 0)
                        .SetProperty(j => j.ProgressNote, (string?)null),
                    cancellationToken);
        return claimed == 0 ? null : await db.RefreshJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
    }

    /// <summary>Writes the attempt's heartbeat; says whether it is still ours and whether a cancel was asked for.</summary>
    public async ValueTask<BeatResult> BeatAsync(RefreshJob attempt, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (await Owned(db, attempt).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now), cancellationToken) == 0)
        {
            return new BeatResult(false, false);
        }

        var cancelRequested = await db.RefreshJobs.Where(j => j.Id == attempt.Id).Select(j => j.CancelRequested).SingleAsync(cancellationToken);
        return new BeatResult(true, cancelRequested);
    }

    /// <summary>
    /// Writes the attempt's progress, its <paramref name="attempts"/> (with the steps done so far) and a beat; a report
    /// lower than what the row shows is dropped. True when written.
    /// </summary>
    public async ValueTask<bool> ReportProgressAsync(
        RefreshJob attempt, int done, int total, string? note, IReadOnlyList<JobAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        return await Owned(db, attempt).Where(j => j.ProgressDone <= done).ExecuteUpdateAsync(
            s => s.SetProperty(j => j.ProgressDone, done)
                .SetProperty(j => j.ProgressTotal, total)
                .SetProperty(j => j.Attempts, attempts)
                .SetProperty(j => j.ProgressNote, note)
                .SetProperty(j => j.HeartbeatAt, now),
            cancellationToken) == 1;
    }

    /// <summary>Marks the attempt's job completed with its <paramref name="attempts"/>; returns when, or null when the attempt was not ours.</summary>
    public ValueTask<DateTimeOffset?> CompleteAsync(RefreshJob attempt, IReadOnlyList<JobAttemptRecord> attempts, CancellationToken cancellationToken) =>
        FinalAsync(attempt, (owned, now, ct) => owned.ExecuteUpdateAsync(
            s => s.SetProperty(j => j.State, JobStates.Completed).SetProperty(j => j.CompletedAt, now).SetProperty(j => j.Attempts, attempts), ct), cancellationToken);

    /// <summary>Marks the attempt's job cancelled; a <paramref name="reason"/> given by the work is kept as its progress note.</summary>
    public ValueTask<DateTimeOffset?> CancelAsync(RefreshJob attempt, string? reason, IReadOnlyList<JobAttemptRecord> attempts, CancellationToken cancellationToken) =>
        FinalAsync(attempt, (owned, now, ct) => reason is null
            ? owned.ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, JobStates.Cancelled).SetProperty(j => j.CancelledAt, now).SetProperty(j => j.Attempts, attempts), ct)
            : owned.ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, JobStates.Cancelled).SetProperty(j => j.CancelledAt, now).SetProperty(j => j.ProgressNote, reason)
                    .SetProperty(j => j.Attempts, attempts), ct),
            cancellationToken);

    /// <summary>
    /// Records the attempt's failure: retryable again after <paramref name="retryAfter"/>, or discarded when it is null.
    /// Returns when it was written, or null when the attempt was not ours.
    /// </summary>
    public async ValueTask<DateTimeOffset?> FailAsync(
        RefreshJob attempt, Exception failure, TimeSpan? retryAfter, IReadOnlyList<JobAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var errors = await db.RefreshJobs.Where(j => j.Id == attempt.Id).Select(j => j.Errors).SingleAsync(cancellationToken);
        var updated = JobErrors.Append(errors, JobErrors.Describe(now, attempt.Attempt, failure));
        var written = retryAfter is { } delay
            ? await Owned(db, attempt).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, JobStates.Retryable).SetProperty(j => j.ScheduledAt, now + delay).SetProperty(j => j.Errors, updated)
                    .SetProperty(j => j.Attempts, attempts),
                cancellationToken)
            : await Owned(db, attempt).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, JobStates.Discarded).SetProperty(j => j.DiscardedAt, now).SetProperty(j => j.Errors, updated)
                    .SetProperty(j => j.Attempts, attempts),
                cancellationToken);
        return written == 1 ? now : null;
    }

    /// <summary>Gives the attempt back (shutdown is not the job's fault): available now, the attempt not counted. True when written.</summary>
    public async ValueTask<bool> PutBackAsync(RefreshJob attempt, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        return await Owned(db, attempt).ExecuteUpdateAsync(
            s => s.SetProperty(j => j.State, JobStates.Available)
                .SetProperty(j => j.Attempt, j => j.Attempt - 1)
                .SetProperty(j => j.ScheduledAt, now)
                .SetProperty(j => j.HeartbeatAt, (DateTimeOffset?)null),
            cancellationToken) == 1;
    }

    /// <summary>
    /// Rescues executing jobs whose heartbeat is older than <see cref="JobOptions.RescueAfter"/>, except those in
    /// <paramref name="runningHere"/> (this node runs them, so they are alive). The attempt the node was running gets its end
    /// (now) and <see cref="AttemptRecorder.StoppedReporting"/> as its outcome. Each rescue is conditional, so a beat
    /// that lands meanwhile wins. Returns the jobs rescued, as they were, with their new state and the reason.
    /// </summary>
    public async Task<IReadOnlyList<RescuedJob>> RescueAsync(IReadOnlyCollection<long> runningHere, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runningHere);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var cutoff = now - options.Value.RescueAfter;
        var dead = await db.RefreshJobs.AsNoTracking()
            .Where(j => j.State == JobStates.Executing && (j.HeartbeatAt == null || j.HeartbeatAt < cutoff))
            .OrderBy(j => j.Id)
            .ToListAsync(cancellationToken);

        var rescued = new List<RescuedJob>();
        foreach (var job in dead.Where(j => !(j.AttemptedBy == Node && runningHere.Contains(j.Id))))
        {
            var state = job.CancelRequested ? JobStates.Cancelled
                : job.Attempt >= job.MaxAttempts ? JobStates.Discarded
                : JobStates.Available;
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"No heartbeat from {job.AttemptedBy ?? "its node"} since {job.HeartbeatAt:O}: attempt {job.Attempt} stopped reporting progress (its node stopped or lost the database).");
            var errors = JobErrors.Append(job.Errors, new JobError(now, job.Attempt, message));
            var attempts = AttemptRecorder.Rescued(job, now);
            var attempt = job.Attempt;
            var written = await db.RefreshJobs
                .Where(j => j.Id == job.Id && j.State == JobStates.Executing && j.Attempt == attempt && (j.HeartbeatAt == null || j.HeartbeatAt < cutoff))
                .ExecuteUpdateAsync(
                    s =>
                    {
                        s.SetProperty(j => j.State, state).SetProperty(j => j.Errors, errors).SetProperty(j => j.Attempts, attempts);
                        if (state == JobStates.Available)
                        {
                            s.SetProperty(j => j.ScheduledAt, now);
                        }
                        else if (state == JobStates.Discarded)
                        {
                            s.SetProperty(j => j.DiscardedAt, now);
                        }
                        else
                        {
                            s.SetProperty(j => j.CancelledAt, now);
                        }
                    },
                    cancellationToken);
            if (written == 1)
            {
                rescued.Add(new RescuedJob(job, state, message));
            }
        }

        return rescued;
    }

    /// <summary>Deletes one batch (at most <see cref="JobOptions.PruneBatchSize"/>) of jobs that finished before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PruneBatchAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = db.RefreshJobs
            .Where(j => JobStateSets.Finished.Contains(j.State) && (j.CompletedAt ?? j.CancelledAt ?? j.DiscardedAt ?? j.InsertedAt) < cutoff)
            .OrderBy(j => j.Id)
            .Select(j => j.Id)
            .Take(options.Value.PruneBatchSize);
        return await db.RefreshJobs.Where(j => batch.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    private static Task<int> ClaimSkippingLockedAsync(CinegraphDbContext db, long jobId, DateTimeOffset now, string node, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE refresh_jobs
            SET "State" = {JobStates.Executing}, "Attempt" = "Attempt" + 1, "AttemptedAt" = {now}, "AttemptedBy" = {node},
                "HeartbeatAt" = {now}, "ProgressDone" = 0, "ProgressTotal" = 0, "ProgressNote" = NULL
            WHERE "Id" = (
                SELECT "Id" FROM refresh_jobs
                WHERE "Id" = {jobId} AND "State" IN ({JobStates.Available}, {JobStates.Scheduled}, {JobStates.Retryable})
                    AND "ScheduledAt" <= {now} AND NOT "CancelRequested"
                FOR UPDATE SKIP LOCKED)
            """,
            cancellationToken);

    private async ValueTask<DateTimeOffset?> FinalAsync(
        RefreshJob attempt, Func<IQueryable<RefreshJob>, DateTimeOffset, CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        return await write(Owned(db, attempt), now, cancellationToken) == 1 ? now : null;
    }

    private IQueryable<RefreshJob> Owned(CinegraphDbContext db, RefreshJob attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var node = Node;
        var (id, number) = (attempt.Id, attempt.Attempt);
        return db.RefreshJobs.Where(j => j.Id == id && j.State == JobStates.Executing && j.AttemptedBy == node && j.Attempt == number);
    }
}

/// <summary>What a heartbeat found: whether the attempt is still ours, and whether a cancel was asked for.</summary>
public readonly record struct BeatResult(bool Owned, bool CancelRequested);

/// <summary>A job the rescuer took from a dead node: the row as it was, the <paramref name="State"/> it now has, and why.</summary>
public sealed record RescuedJob(RefreshJob Job, string State, string Message);
