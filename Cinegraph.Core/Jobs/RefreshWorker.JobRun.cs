using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Core.Jobs;

public sealed partial class RefreshWorker
{
    /// <summary>
    /// One claimed attempt of a job: runs the handler with a heartbeat beside it, writes its progress, then its final
    /// state. Every write is fenced on (id, executing, this node, this attempt), so an attempt that was rescued away
    /// from us (we looked dead) cannot overwrite what its successor does.
    /// </summary>
    private sealed class JobRun(RefreshWorker worker, RefreshJob job) : IJobProgress
    {
        private const int NoCancel = 0;
        private const int UserCancel = 1;
        private const int Lost = 2;

        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(worker._hardStop.Token);
        private int _cancelReason = NoCancel;

        public async Task RunAsync()
        {
            using var cancel = _cancel;
            using var registration = worker._runningJobs.Register(job.Id, () => CancelFor(UserCancel));

            // Created before the handler starts, so the first beat is due one interval after the claim.
            using var heartbeatTimer = new PeriodicTimer(worker._options.HeartbeatInterval, worker._timeProvider);
            using var heartbeatStop = new CancellationTokenSource();
            var heartbeat = HeartbeatAsync(heartbeatTimer, heartbeatStop.Token);

            var started = worker._timeProvider.GetTimestamp();
            Exception? failure = null;
            try
            {
                await using var scope = worker._scopeFactory.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetRequiredService<IRefreshJobHandler>();
                await handler.ExecuteAsync(job, this, _cancel.Token);
            }
#pragma warning disable CA1031 // Whatever the handler throws is the job's failure, recorded on its row.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
            }
            finally
            {
                await heartbeatStop.CancelAsync();
                await heartbeat;
            }

            if (failure is null)
            {
                await CompleteAsync(worker._timeProvider.GetElapsedTime(started));
            }
            else if (failure is JobCancelledException stopped)
            {
                // The work found it cannot run (its profile is gone): retrying would fail the same way.
                await CancelledAsync(stopped.Message);
            }
            else if (failure is OperationCanceledException && _cancel.IsCancellationRequested)
            {
                switch (Volatile.Read(ref _cancelReason))
                {
                    case UserCancel:
                        await CancelledAsync();
                        break;
                    case Lost:
                        JobsLog.JobOwnershipLost(worker._logger, job.Id, job.Attempt);
                        break;
                    default:
                        await PutBackAsync();
                        break;
                }
            }
            else
            {
                await FailAsync(failure);
            }
        }

        public async Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken)
        {
            if (note is { Length: > 500 })
            {
                note = note[..500];
            }

            int written;
            try
            {
                written = await JobResilience.RunAsync(worker._resilience.Transient, "progress", async ct =>
                {
                    await using var db = await worker._dbFactory.CreateDbContextAsync(ct);
                    var now = worker._timeProvider.GetUtcNow();
                    // Monotonic: a report lower than what the row shows is dropped, never written over it.
                    return await Owned(db).Where(j => j.ProgressDone <= done).ExecuteUpdateAsync(
                        s => s.SetProperty(j => j.ProgressDone, done)
                            .SetProperty(j => j.ProgressTotal, total)
                            .SetProperty(j => j.ProgressNote, note)
                            .SetProperty(j => j.HeartbeatAt, now),
                        ct);
                }, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Progress is a courtesy: the job goes on without it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                JobsLog.ProgressFailed(worker._logger, job.Id, ex);
                return;
            }

            if (written == 1)
            {
                await worker._events.PublishAsync(new RefreshProgress(job.Id, job.ProfileId, done, total, note), cancellationToken);
            }
        }

        private void CancelFor(int reason)
        {
            Interlocked.CompareExchange(ref _cancelReason, reason, NoCancel);
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended between the lookup and the cancel.
            }
        }

        private async Task HeartbeatAsync(PeriodicTimer timer, CancellationToken stop)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    try
                    {
                        var (owned, cancelRequested) = await JobResilience.RunAsync(worker._resilience.Transient, "heartbeat", BeatAsync, stop);
                        if (!owned)
                        {
                            CancelFor(Lost);
                            return;
                        }

                        if (cancelRequested)
                        {
                            CancelFor(UserCancel);
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
#pragma warning disable CA1031 // A missed beat is retried at the next tick; the rescuer waits several of them.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        JobsLog.HeartbeatFailed(worker._logger, job.Id, ex);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The attempt ended.
            }
        }

        private async ValueTask<(bool Owned, bool CancelRequested)> BeatAsync(CancellationToken cancellationToken)
        {
            await using var db = await worker._dbFactory.CreateDbContextAsync(cancellationToken);
            var now = worker._timeProvider.GetUtcNow();
            if (await Owned(db).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now), cancellationToken) == 0)
            {
                return (false, false);
            }

            var cancelRequested = await db.RefreshJobs.Where(j => j.Id == job.Id).Select(j => j.CancelRequested).SingleAsync(cancellationToken);
            return (true, cancelRequested);
        }

        private async Task CompleteAsync(TimeSpan duration)
        {
            // Work done wins over a cancel that arrived too late to stop it (Oban: a job that completes stays completed).
            var completedAt = await FinalWriteAsync("completion", (db, now, ct) => Owned(db).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, JobStates.Completed).SetProperty(j => j.CompletedAt, now), ct));
            if (completedAt is { } at)
            {
                JobsLog.JobCompleted(worker._logger, job.Id, duration);
                await worker._events.PublishAsync(new RefreshCompleted(job.Id, job.ProfileId, at), worker._hardStop.Token);
            }
        }

        /// <summary>Marks the job cancelled; a <paramref name="reason"/> given by the work is kept as its progress note.</summary>
        private async Task CancelledAsync(string? reason = null)
        {
            var cancelledAt = await FinalWriteAsync("cancel", (db, now, ct) => reason is null
                ? Owned(db).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobStates.Cancelled).SetProperty(j => j.CancelledAt, now), ct)
                : Owned(db).ExecuteUpdateAsync(
                    s => s.SetProperty(j => j.State, JobStates.Cancelled).SetProperty(j => j.CancelledAt, now).SetProperty(j => j.ProgressNote, reason), ct));
            if (cancelledAt is null)
            {
                return;
            }

            if (reason is null)
            {
                JobsLog.JobCancelled(worker._logger, job.Id);
            }
            else
            {
                JobsLog.JobCancelledByWork(worker._logger, job.Id, reason);
            }

            await worker._events.PublishAsync(
                new RefreshFailed(job.Id, job.ProfileId, JobStates.Cancelled, reason ?? "Cancelled while running."), worker._hardStop.Token);
        }

        private async Task FailAsync(Exception failure)
        {
            var retry = job.Attempt < job.MaxAttempts;
            var delay = JobBackoff.Delay(worker._options.RetryBackoff, job.Attempt, NextUnit());
            var failedAt = await FinalWriteAsync("failure", async (db, now, ct) =>
            {
                var errors = await db.RefreshJobs.Where(j => j.Id == job.Id).Select(j => j.Errors).SingleAsync(ct);
                var updated = JobErrors.Append(errors, JobErrors.Describe(now, job.Attempt, failure));
                return retry
                    ? await Owned(db).ExecuteUpdateAsync(
                        s => s.SetProperty(j => j.State, JobStates.Retryable).SetProperty(j => j.ScheduledAt, now + delay).SetProperty(j => j.Errors, updated), ct)
                    : await Owned(db).ExecuteUpdateAsync(
                        s => s.SetProperty(j => j.State, JobStates.Discarded).SetProperty(j => j.DiscardedAt, now).SetProperty(j => j.Errors, updated), ct);
            });
            if (failedAt is not { } at)
            {
                return;
            }

            if (retry)
            {
                JobsLog.JobRetryable(worker._logger, job.Id, job.Attempt, at + delay, failure);
            }
            else
            {
                JobsLog.JobDiscarded(worker._logger, job.Id, job.Attempt, failure);
            }

            await worker._events.PublishAsync(
                new RefreshFailed(job.Id, job.ProfileId, retry ? JobStates.Retryable : JobStates.Discarded, JobErrors.ShortMessage(failure.Message)), worker._hardStop.Token);
        }

        private async Task PutBackAsync()
        {
            // Shutdown is not the job's fault: the attempt is given back and no error is recorded. A few quick tries
            // only; if the database is away, the rescuer returns the job later (then with the attempt used).
            try
            {
                var written = await JobResilience.RunAsync(worker._resilience.Transient, "put back", async ct =>
                {
                    await using var db = await worker._dbFactory.CreateDbContextAsync(ct);
                    var now = worker._timeProvider.GetUtcNow();
                    return await Owned(db).ExecuteUpdateAsync(
                        s => s.SetProperty(j => j.State, JobStates.Available)
                            .SetProperty(j => j.Attempt, j => j.Attempt - 1)
                            .SetProperty(j => j.ScheduledAt, now)
                            .SetProperty(j => j.HeartbeatAt, (DateTimeOffset?)null),
                        ct);
                }, CancellationToken.None);
                if (written == 1)
                {
                    JobsLog.JobReturnedOnShutdown(worker._logger, job.Id);
                }
                else
                {
                    JobsLog.JobOwnershipLost(worker._logger, job.Id, job.Attempt);
                }
            }
#pragma warning disable CA1031 // The host is stopping; the rescuer covers a job left executing.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                JobsLog.FinalWriteAbandoned(worker._logger, job.Id, ex);
            }
        }

        /// <summary>
        /// Writes a final state, retrying database errors until it succeeds or the shutdown grace is over (then the row
        /// stays executing and the rescuer hands the job to the next start). Returns when it was written, or null when
        /// the attempt was no longer ours or the write was given up.
        /// </summary>
        private async Task<DateTimeOffset?> FinalWriteAsync(string operation, Func<CinegraphDbContext, DateTimeOffset, CancellationToken, Task<int>> write)
        {
            try
            {
                return await JobResilience.RunAsync(worker._resilience.UntilDone, operation, async ct =>
                {
                    await using var db = await worker._dbFactory.CreateDbContextAsync(ct);
                    var now = worker._timeProvider.GetUtcNow();
                    return await write(db, now, ct) == 1 ? now : (DateTimeOffset?)null;
                }, worker._hardStop.Token) ?? LostOwnership();
            }
            catch (OperationCanceledException ex) when (worker._hardStop.IsCancellationRequested)
            {
                JobsLog.FinalWriteAbandoned(worker._logger, job.Id, ex);
                return null;
            }
        }

        private DateTimeOffset? LostOwnership()
        {
            JobsLog.JobOwnershipLost(worker._logger, job.Id, job.Attempt);
            return null;
        }

        private IQueryable<RefreshJob> Owned(CinegraphDbContext db)
        {
            var node = worker.Node;
            return db.RefreshJobs.Where(j => j.Id == job.Id && j.State == JobStates.Executing && j.AttemptedBy == node && j.Attempt == job.Attempt);
        }

#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        private static double NextUnit() => Random.Shared.NextDouble();
#pragma warning restore CA5394
    }
}
