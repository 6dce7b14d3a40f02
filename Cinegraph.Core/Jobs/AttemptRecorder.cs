namespace Cinegraph.Core.Jobs;

/// <summary>
/// The <see cref="RefreshJob.Attempts"/> a running attempt writes: the earlier attempts as its row had them, and its own
/// record with each step it finished and how long the step took (from the previous step's end, or the claim).
/// </summary>
internal sealed class AttemptRecorder
{
    /// <summary>The outcome given to an earlier attempt of the same number that was put back on shutdown (not counted).</summary>
    public const string PutBack = "put back";

    /// <summary>
    /// The outcome given by the rescuer to an attempt whose heartbeats stopped: its node stopped (crash, kill, power) or
    /// could no longer write to the database; from here the two cannot be told apart.
    /// </summary>
    public const string StoppedReporting = "stopped reporting progress: its node stopped or lost the database";

    private readonly IReadOnlyList<JobAttemptRecord> _earlier;
    private readonly List<JobStep> _steps = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _number;
    private readonly string _node;
    private readonly DateTimeOffset _startedAt;
    private long _mark;
    private int _done;

    public AttemptRecorder(RefreshJob job, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(job);
        _time = time;
        _number = job.Attempt;
        _node = job.AttemptedBy ?? "";
        _startedAt = job.AttemptedAt ?? time.GetUtcNow();
        _mark = time.GetTimestamp();
        _earlier = [.. job.Attempts.Select(a => a.Number == job.Attempt && a.Outcome is null ? a with { Outcome = PutBack } : a)];
    }

    /// <summary>Records step <paramref name="done"/> (named by its note) when it is a new one; returns the attempts to write.</summary>
    public IReadOnlyList<JobAttemptRecord> Report(int done, string? note)
    {
        lock (_gate)
        {
            if (done > _done)
            {
                _steps.Add(new JobStep(note ?? $"step {done}", Math.Round(_time.GetElapsedTime(_mark).TotalSeconds, 3)));
                _mark = _time.GetTimestamp();
                _done = done;
            }

            return [.. _earlier, new JobAttemptRecord(_number, _node, _startedAt, null, null, [.. _steps])];
        }
    }

    /// <summary>
    /// The attempts of a job the rescuer takes from a dead node: its current attempt ended at <paramref name="rescuedAt"/>
    /// with <see cref="StoppedReporting"/> (recorded from the row's claim when the node died before its first step).
    /// </summary>
    public static IReadOnlyList<JobAttemptRecord> Rescued(RefreshJob job, DateTimeOffset rescuedAt)
    {
        ArgumentNullException.ThrowIfNull(job);
        var current = job.Attempts.LastOrDefault(a => a.Number == job.Attempt && a.Outcome is null)
            ?? new JobAttemptRecord(job.Attempt, job.AttemptedBy ?? "", job.AttemptedAt ?? rescuedAt, null, null, []);
        return [.. job.Attempts.Where(a => !ReferenceEquals(a, current)), current with { EndedAt = rescuedAt, Outcome = StoppedReporting }];
    }

    /// <summary>The attempts with this one ended now in <paramref name="outcome"/> (a <see cref="JobStates"/> value).</summary>
    public IReadOnlyList<JobAttemptRecord> Ended(string outcome)
    {
        lock (_gate)
        {
            return [.. _earlier, new JobAttemptRecord(_number, _node, _startedAt, _time.GetUtcNow(), outcome, [.. _steps])];
        }
    }
}
