namespace Cinegraph.Core.Jobs;

/// <summary>
/// The job an enqueue produced, or with <paramref name="Conflict"/> the unfinished job of the same key that was
/// already queued or running (Oban's <c>conflict?</c>): nothing new was queued.
/// </summary>
public sealed record EnqueueResult(RefreshJob Job, bool Conflict);

/// <summary>What <see cref="RefreshManager.CancelAsync"/> did.</summary>
public enum CancelOutcome
{
    /// <summary>The job had not started: it is cancelled.</summary>
    Cancelled,

    /// <summary>The job is running: its token was fired (or its node will see the request with its next heartbeat).</summary>
    Requested,

    /// <summary>The job had already finished (completed, cancelled or discarded) and is left as it was.</summary>
    AlreadyFinished,

    /// <summary>No job has that id.</summary>
    NotFound,
}
