using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Jobs;

/// <summary>Log messages of the refresh queue (EventIds 3000–3099).</summary>
internal static partial class JobsLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Refresh worker {Node} started with {Concurrency} consumer(s)")]
    public static partial void WorkerStarted(ILogger logger, string node, int concurrency);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Refresh worker {Node} stopping: {Running} job(s) running, grace {Grace}")]
    public static partial void WorkerStopping(ILogger logger, string node, int running, TimeSpan grace);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Job {JobId} claimed by {Node}: attempt {Attempt} of {MaxAttempts}")]
    public static partial void JobClaimed(ILogger logger, long jobId, string node, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Job {JobId} completed in {Duration}")]
    public static partial void JobCompleted(ILogger logger, long jobId, TimeSpan duration);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Job {JobId} failed attempt {Attempt}; retry at {ScheduledAt}")]
    public static partial void JobRetryable(ILogger logger, long jobId, int attempt, DateTimeOffset scheduledAt, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Job {JobId} failed attempt {Attempt}, its last: discarded")]
    public static partial void JobDiscarded(ILogger logger, long jobId, int attempt, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Job {JobId} cancelled")]
    public static partial void JobCancelled(ILogger logger, long jobId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Job {JobId} stopped by shutdown and put back as available (attempt not used)")]
    public static partial void JobReturnedOnShutdown(ILogger logger, long jobId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Job {JobId} attempt {Attempt} is no longer ours (rescued or changed elsewhere); its result is not written")]
    public static partial void JobOwnershipLost(ILogger logger, long jobId, int attempt);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Database error during {Operation}; retry {Retry} in {Delay}")]
    public static partial void DatabaseRetry(ILogger logger, string operation, int retry, TimeSpan delay, Exception? exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Refresh queue {Operation} failed; it runs again later")]
    public static partial void MaintenanceFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Job {JobId} could not be run; it stays in the table for the next poll or the rescuer")]
    public static partial void JobRunFailed(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Job {JobId} rescued to {State}: no heartbeat from {Node} since {HeartbeatAt}")]
    public static partial void JobRescued(ILogger logger, long jobId, string state, string? node, DateTimeOffset? heartbeatAt);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Pruned {Count} finished job(s) older than {Cutoff}")]
    public static partial void JobsPruned(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Debug, Message = "Job {JobId} queued for profile {ProfileId}")]
    public static partial void JobQueued(ILogger logger, long jobId, int profileId);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Debug, Message = "Refresh of profile {ProfileId} already queued or running as job {JobId}")]
    public static partial void EnqueueConflict(ILogger logger, int profileId, long jobId);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Information, Message = "Cancel of job {JobId}: {Outcome}")]
    public static partial void CancelOutcome(ILogger logger, long jobId, CancelOutcome outcome);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning, Message = "Progress of job {JobId} not written; the job goes on")]
    public static partial void ProgressFailed(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Warning, Message = "Heartbeat of job {JobId} not written; the next one tries again")]
    public static partial void HeartbeatFailed(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(EventId = 3019, Level = LogLevel.Error, Message = "Final state of job {JobId} not written before shutdown; the rescuer will run it again")]
    public static partial void FinalWriteAbandoned(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Job {JobId} retried as job {NewJobId}")]
    public static partial void JobRetried(ILogger logger, long jobId, long newJobId);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Refresh worker {Node} stopped")]
    public static partial void WorkerStopped(ILogger logger, string node);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Warning, Message = "Job {JobId} cancelled by its work: {Reason}")]
    public static partial void JobCancelledByWork(ILogger logger, long jobId, string reason);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Information, Message = "This node now holds the maintenance lease (rescuer and pruner)")]
    public static partial void LeaseTaken(ILogger logger);

    [LoggerMessage(EventId = 3051, Level = LogLevel.Warning, Message = "The maintenance lease's connection was lost; another node may take the lease")]
    public static partial void LeaseLost(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3060, Level = LogLevel.Information, Message = "Deleted {Count} finished job(s) of {Asked} asked")]
    public static partial void JobsDeleted(ILogger logger, int count, int asked);

    [LoggerMessage(EventId = 3070, Level = LogLevel.Information, Message = "Daily refresh of stale rows: next run at {NextRun:O}")]
    public static partial void ScheduleNextRun(ILogger logger, DateTimeOffset nextRun);

    [LoggerMessage(EventId = 3071, Level = LogLevel.Information, Message = "Daily refresh of stale rows queued {Queued} job(s) for profiles {ProfileIds}")]
    public static partial void ScheduleRan(ILogger logger, int queued, string profileIds);

    [LoggerMessage(EventId = 3072, Level = LogLevel.Warning, Message = "Daily refresh of stale rows failed; it runs again at its next time")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception);
}
