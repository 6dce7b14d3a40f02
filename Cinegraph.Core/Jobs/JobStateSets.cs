namespace Cinegraph.Core.Jobs;

/// <summary>Groups of <see cref="JobStates"/> the queue's statements filter on.</summary>
internal static class JobStateSets
{
    /// <summary>Waiting to run: a worker may claim these once they are due, and a cancel ends them at once.</summary>
    public static readonly string[] Waiting = [JobStates.Available, JobStates.Scheduled, JobStates.Retryable];

    public static readonly string[] Unfinished = [.. JobStates.Unfinished];

    public static readonly string[] Finished = [.. JobStates.Finished];
}
