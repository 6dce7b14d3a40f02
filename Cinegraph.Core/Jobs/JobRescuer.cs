using Cinegraph.Core.Events;
using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Oban's Lifeline, by heartbeat: an executing job whose <see cref="RefreshJob.HeartbeatAt"/> is older than
/// <see cref="JobOptions.RescueAfter"/> lost its node (crash, kill, power) and goes back to <c>available</c>, or to
/// <c>discarded</c> when its attempts are used up, or to <c>cancelled</c> when a cancel was asked for. How long the job
/// has run plays no part, so a long job that still beats is never taken away and run twice. The worker runs it at
/// start and with every poll (on the node holding the maintenance lease); the statements are the
/// <see cref="JobLedger"/>'s. A job this very process is running is alive by definition and is left alone even if its
/// beats could not be written (database outage); other nodes judge it by its heartbeat.
/// </summary>
public sealed class JobRescuer(JobLedger ledger, RunningJobs runningJobs, IPredictionEvents events, JobMetrics metrics, ILogger<JobRescuer> logger)
{
    /// <summary>Rescues the dead jobs and tells subscribers; returns how many.</summary>
    public async Task<int> RescueAsync(CancellationToken cancellationToken = default)
    {
        var rescued = await ledger.RescueAsync(runningJobs.Ids, cancellationToken);
        foreach (var (job, state, message) in rescued)
        {
            JobsLog.JobRescued(logger, job.Id, state, job.AttemptedBy, job.HeartbeatAt);
            metrics.JobRescued(state);
            PredictionEvent rescueEvent = state == JobStates.Available
                ? new RefreshQueued(job.Id, job.ProfileId)
                : new RefreshFailed(job.Id, job.ProfileId, state, message);
            await events.PublishAsync(rescueEvent, cancellationToken);
        }

        return rescued.Count;
    }
}
