using Cinegraph.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// One claimed attempt of a job: runs the handler with a heartbeat beside it, writes its progress, then its final
/// state, all through the <see cref="JobLedger"/> (fenced, so an attempt rescued away from us writes nothing), and
/// publishes what happened. Database writes are retried through <see cref="JobResilience"/>; the final one until it
/// succeeds or <paramref name="hardStop"/> fires (the shutdown grace is over; the rescuer then hands the job on).
/// </summary>
internal sealed class JobAttempt(
    RefreshJob job,
    JobLedger ledger,
    JobResilience resilience,
    RunningJobs runningJobs,
    IServiceScopeFactory scopeFactory,
    IPredictionEvents events,
    TimeProvider timeProvider,
    JobOptions options,
    JobMetrics metrics,
    ILogger logger,
    CancellationToken hardStop) : IJobProgress
{
    private const int NoCancel = 0;
    private const int UserCancel = 1;
    private const int Lost = 2;

    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
    private readonly AttemptRecorder _record = new(job, timeProvider);
    private int _cancelReason = NoCancel;

    public async Task RunAsync()
    {
        using var cancel = _cancel;
        using var registration = runningJobs.Register(job.Id, () => CancelFor(UserCancel));

        // Created before the handler starts, so the first beat is due one interval after the claim.
        using var heartbeatTimer = new PeriodicTimer(options.HeartbeatInterval, timeProvider);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(heartbeatTimer, heartbeatStop.Token);

        using var activity = JobTracing.StartAttempt(job, options.Node);
        var started = timeProvider.GetTimestamp();
        Exception? failure = null;
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
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

        var duration = timeProvider.GetElapsedTime(started);
        var state = await FinishAsync(failure, duration);
        if (state is not null)
        {
            metrics.AttemptEnded(state, duration);
        }

        JobTracing.AttemptEnded(activity, state, failure);
    }

    public async Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken)
    {
        if (note is { Length: > 500 })
        {
            note = note[..500];
        }

        bool written;
        try
        {
            written = await JobResilience.RunAsync(resilience.Transient, "progress", ct => ledger.ReportProgressAsync(job, done, total, note, _record.Report(done, note), ct), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Progress is a courtesy: the job goes on without it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            JobsLog.ProgressFailed(logger, job.Id, ex);
            return;
        }

        if (written)
        {
            await events.PublishAsync(new RefreshProgress(job.Id, job.ProfileId, done, total, note), cancellationToken);
        }
    }

    /// <summary>Writes how the attempt ended; returns the state it left the job in, or null when it wrote none.</summary>
    private async Task<string?> FinishAsync(Exception? failure, TimeSpan duration)
    {
        switch (failure)
        {
            case null:
                // Work done wins over a cancel that arrived too late to stop it (Oban: a job that completes stays completed).
                if (await FinalWriteAsync("completion", ct => ledger.CompleteAsync(job, _record.Ended(JobStates.Completed), ct)) is not { } completedAt)
                {
                    return null;
                }

                JobsLog.JobCompleted(logger, job.Id, duration);
                await events.PublishAsync(new RefreshCompleted(job.Id, job.ProfileId, completedAt), hardStop);
                return JobStates.Completed;
            case JobCancelledException stopped:
                // The work found it cannot run (its profile is gone): retrying would fail the same way.
                return await CancelledAsync(stopped.Message);
            case OperationCanceledException when _cancel.IsCancellationRequested:
                switch (Volatile.Read(ref _cancelReason))
                {
                    case UserCancel:
                        return await CancelledAsync(null);
                    case Lost:
                        JobsLog.JobOwnershipLost(logger, job.Id, job.Attempt);
                        return null;
                    default:
                        await PutBackAsync();
                        return null;
                }

            default:
                return await FailAsync(failure);
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
                    var beat = await JobResilience.RunAsync(resilience.Transient, "heartbeat", ct => ledger.BeatAsync(job, ct), stop);
                    if (!beat.Owned)
                    {
                        CancelFor(Lost);
                        return;
                    }

                    if (beat.CancelRequested)
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
                    JobsLog.HeartbeatFailed(logger, job.Id, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The attempt ended.
        }
    }

    /// <summary>Marks the job cancelled; a <paramref name="reason"/> given by the work is kept as its progress note.</summary>
    private async Task<string?> CancelledAsync(string? reason)
    {
        if (await FinalWriteAsync("cancel", ct => ledger.CancelAsync(job, reason, _record.Ended(JobStates.Cancelled), ct)) is null)
        {
            return null;
        }

        if (reason is null)
        {
            JobsLog.JobCancelled(logger, job.Id);
        }
        else
        {
            JobsLog.JobCancelledByWork(logger, job.Id, reason);
        }

        await events.PublishAsync(new RefreshFailed(job.Id, job.ProfileId, JobStates.Cancelled, reason ?? "Cancelled while running."), hardStop);
        return JobStates.Cancelled;
    }

    private async Task<string?> FailAsync(Exception failure)
    {
        var retry = job.Attempt < job.MaxAttempts;
        var delay = JobBackoff.Delay(options.RetryBackoff, job.Attempt, NextUnit());
        if (await FinalWriteAsync("failure", ct => ledger.FailAsync(job, failure, retry ? delay : null, _record.Ended(retry ? JobStates.Retryable : JobStates.Discarded), ct)) is not { } failedAt)
        {
            return null;
        }

        if (retry)
        {
            JobsLog.JobRetryable(logger, job.Id, job.Attempt, failedAt + delay, failure);
        }
        else
        {
            JobsLog.JobDiscarded(logger, job.Id, job.Attempt, failure);
        }

        await events.PublishAsync(
            new RefreshFailed(job.Id, job.ProfileId, retry ? JobStates.Retryable : JobStates.Discarded, JobErrors.ShortMessage(failure.Message)), hardStop);
        return retry ? JobStates.Retryable : JobStates.Discarded;
    }

    private async Task PutBackAsync()
    {
        // Shutdown is not the job's fault: the attempt is given back and no error is recorded. A few quick tries
        // only; if the database is away, the rescuer returns the job later (then with the attempt used).
        try
        {
            if (await JobResilience.RunAsync(resilience.Transient, "put back", ct => ledger.PutBackAsync(job, ct), CancellationToken.None))
            {
                JobsLog.JobReturnedOnShutdown(logger, job.Id);
            }
            else
            {
                JobsLog.JobOwnershipLost(logger, job.Id, job.Attempt);
            }
        }
#pragma warning disable CA1031 // The host is stopping; the rescuer covers a job left executing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            JobsLog.FinalWriteAbandoned(logger, job.Id, ex);
        }
    }

    /// <summary>
    /// Writes a final state, retrying database errors until it succeeds or the shutdown grace is over (then the row
    /// stays executing and the rescuer hands the job to the next start). Returns when it was written, or null when
    /// the attempt was no longer ours or the write was given up.
    /// </summary>
    private async Task<DateTimeOffset?> FinalWriteAsync(string operation, Func<CancellationToken, ValueTask<DateTimeOffset?>> write)
    {
        try
        {
            if (await JobResilience.RunAsync(resilience.UntilDone, operation, write, hardStop) is { } at)
            {
                return at;
            }

            JobsLog.JobOwnershipLost(logger, job.Id, job.Attempt);
            return null;
        }
        catch (OperationCanceledException ex) when (hardStop.IsCancellationRequested)
        {
            JobsLog.FinalWriteAbandoned(logger, job.Id, ex);
            return null;
        }
    }

#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
    private static double NextUnit() => Random.Shared.NextDouble();
#pragma warning restore CA5394
}
