namespace Cinegraph.Core.Jobs;

/// <summary>
/// <c>refresh_jobs</c>: the ledger of refresh jobs and the truth about them (the channel only wakes the worker).
/// States follow Oban's: available → executing → completed, with scheduled, retryable, cancelled, discarded.
/// </summary>
public sealed class RefreshJob
{
    public long Id { get; set; }

    /// <summary>What the job does; today always <see cref="JobKinds.RefreshProfile"/>.</summary>
    public required string Kind { get; set; }

    public int ProfileId { get; set; }

    /// <summary>The decades to compute, in order (stored comma separated, e.g. <c>1920,1930,…,2020</c>; see <see cref="JobColumns"/>).</summary>
    public required IReadOnlyList<int> Decades { get; set; }

    /// <summary>Also compute the profile's validation and the profile comparison.</summary>
    public bool IncludeValidation { get; set; }

    /// <summary>Deduplication key; unique among unfinished jobs (filtered unique index).</summary>
    public required string UniqueKey { get; set; }

    public required string State { get; set; }

    public int Attempt { get; set; }

    public int MaxAttempts { get; set; }

    public DateTimeOffset InsertedAt { get; set; }

    public DateTimeOffset ScheduledAt { get; set; }

    public DateTimeOffset? AttemptedAt { get; set; }

    /// <summary>The node (host name and process id) that runs or last ran the job.</summary>
    public string? AttemptedBy { get; set; }

    public DateTimeOffset? HeartbeatAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset? DiscardedAt { get; set; }

    /// <summary>Set by a cancel while the job runs; the worker sees it with its next heartbeat.</summary>
    public bool CancelRequested { get; set; }

    public int ProgressDone { get; set; }

    public int ProgressTotal { get; set; }

    public string? ProgressNote { get; set; }

    /// <summary>One <see cref="JobError"/> per failed attempt, oldest first; never cleared (stored as a JSON array; see <see cref="JobColumns"/>).</summary>
    public IReadOnlyList<JobError> Errors { get; set; } = [];

    /// <summary>
    /// One <see cref="JobAttemptRecord"/> per attempt, oldest first, with the node, start, end and each step's duration
    /// (stored as a JSON array; see <see cref="JobColumns"/>). The running attempt's record is rewritten with each progress report.
    /// </summary>
    public IReadOnlyList<JobAttemptRecord> Attempts { get; set; } = [];
}

/// <summary>
/// One attempt of a job: which <paramref name="Node"/> ran it, when it started and ended, how it ended
/// (<see cref="JobStates"/>, <see cref="AttemptRecorder.PutBack"/> or <see cref="AttemptRecorder.StoppedReporting"/>; null while
/// it runs) and the <paramref name="Steps"/> it finished.
/// </summary>
public sealed record JobAttemptRecord(int Number, string Node, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, IReadOnlyList<JobStep> Steps);

/// <summary>A finished step of an attempt (its progress note, e.g. "1990s cached") and how long it took, in seconds.</summary>
public sealed record JobStep(string Name, double Seconds);

/// <summary>
/// One failed attempt of a job: a one-line <paramref name="Message"/> and, when an exception caused it, its
/// <paramref name="Type"/> (for administrators; visitors get <see cref="JobErrors.ForVisitor"/>).
/// </summary>
public sealed record JobError(DateTimeOffset At, int Attempt, string Message, string? Type = null);

public static class JobKinds
{
    public const string RefreshProfile = "refresh_profile";
}

/// <summary>Oban's job states.</summary>
public static class JobStates
{
    public const string Available = "available";
    public const string Scheduled = "scheduled";
    public const string Executing = "executing";
    public const string Retryable = "retryable";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Discarded = "discarded";

    /// <summary>States of a job that has not finished; the unique key is enforced among these.</summary>
    public static IReadOnlyList<string> Unfinished { get; } = [Available, Scheduled, Executing, Retryable];

    public static IReadOnlyList<string> Finished { get; } = [Completed, Cancelled, Discarded];

    public static IReadOnlyList<string> All { get; } = [.. Unfinished, .. Finished];

    public static bool IsFinished(string state) => Finished.Contains(state);
}
