using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;

namespace Cinegraph.Core.Caching;

/// <summary>How pushed progress and a job row read from the database combine into what is shown: written once, here.</summary>
public static class JobProgressMerge
{
    /// <summary>The job with the progress applied; unchanged when the progress is of another job or older than shown.</summary>
    public static JobSummary Apply(JobSummary job, RefreshProgress progress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        return job.Id != progress.JobId || progress.Done < job.ProgressDone
            ? job
            : job with
            {
                State = JobStates.Executing, ProgressDone = progress.Done, ProgressTotal = progress.Total, ProgressNote = progress.Note, HeartbeatAt = now,
                StepEndedAt = progress.Done > job.ProgressDone ? now : job.StepEndedAt,
            };
    }

    /// <summary>A row read from the database may be older than the progress already pushed for the same job: keep the newer.</summary>
    public static JobSummary? Newer(JobSummary? current, JobSummary? read) =>
        current is not null && read is not null && current.Id == read.Id && !JobStates.IsFinished(read.State)
            && current.State == JobStates.Executing && current.ProgressDone > read.ProgressDone
            ? current
            : read ?? current;
}
