namespace Cinegraph.Core.Jobs;

/// <summary>
/// Thrown by a job's work when running it makes no sense any more (e.g. its profile was deleted): the job is marked
/// <see cref="JobStates.Cancelled"/> with the message as its reason, not retried.
/// </summary>
public sealed class JobCancelledException : Exception
{
    public JobCancelledException()
        : base("The job cannot run any more.")
    {
    }

    public JobCancelledException(string reason)
        : base(reason)
    {
    }

    public JobCancelledException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
