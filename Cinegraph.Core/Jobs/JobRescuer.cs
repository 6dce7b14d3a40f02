using System.Globalization;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Oban's Lifeline, by heartbeat: an executing job whose <see cref="RefreshJob.HeartbeatAt"/> is older than
/// <see cref="JobOptions.RescueAfter"/> lost its node (crash, kill, power) and goes back to <c>available</c>, or to
/// <c>discarded</c> when its attempts are used up, or to <c>cancelled</c> when a cancel was asked for. How long the job
/// has run plays no part, so a long job that still beats is never taken away and run twice. The worker runs it at
/// start and with every poll; each rescue is a conditional update, so a beat that lands meanwhile wins. A job this
/// very process is running is alive by definition and is left alone even if its beats could not be written (database
/// outage); other nodes judge it by its heartbeat.
/// </summary>
public sealed class JobRescuer(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    RunningJobs runningJobs,
    IPredictionEvents events,
    TimeProvider timeProvider,
    IOptions<JobOptions> options,
    ILogger<JobRescuer> logger)
{
    /// <summary>Rescues the dead jobs; returns how many.</summary>
    public async Task<int> RescueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var cutoff = now - options.Value.RescueAfter;
        var dead = await db.RefreshJobs.AsNoTracking()
            .Where(j => j.State == JobStates.Executing && (j.HeartbeatAt == null || j.HeartbeatAt < cutoff))
            .OrderBy(j => j.Id)
            .ToListAsync(cancellationToken);

        var rescued = 0;
        var ownRunning = runningJobs.Ids;
        foreach (var job in dead.Where(j => !(j.AttemptedBy == options.Value.Node && ownRunning.Contains(j.Id))))
        {
            var state = job.CancelRequested ? JobStates.Cancelled
                : job.Attempt >= job.MaxAttempts ? JobStates.Discarded
                : JobStates.Available;
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"No heartbeat from {job.AttemptedBy ?? "its node"} since {job.HeartbeatAt:O}: the node stopped during attempt {job.Attempt}.");
            var errors = JobErrors.Append(job.Errors, new JobError(now, job.Attempt, message));
            var attempt = job.Attempt;
            var written = await db.RefreshJobs
                .Where(j => j.Id == job.Id && j.State == JobStates.Executing && j.Attempt == attempt && (j.HeartbeatAt == null || j.HeartbeatAt < cutoff))
                .ExecuteUpdateAsync(
                    s =>
                    {
                        s.SetProperty(j => j.State, state).SetProperty(j => j.Errors, errors);
                        if (state == JobStates.Available)
                        {
                            s.SetProperty(j => j.ScheduledAt, now);
                        }
                        else if (state == JobStates.Discarded)
                        {
                            s.SetProperty(j => j.DiscardedAt, now);
                        }
                        else
                        {
                            s.SetProperty(j => j.CancelledAt, now);
                        }
                    },
                    cancellationToken);
            if (written == 0)
            {
                continue;
            }

            rescued++;
            JobsLog.JobRescued(logger, job.Id, state, job.AttemptedBy, job.HeartbeatAt);
            PredictionEvent rescueEvent = state == JobStates.Available
                ? new RefreshQueued(job.Id, job.ProfileId)
                : new RefreshFailed(job.Id, job.ProfileId, state, message);
            await events.PublishAsync(rescueEvent, cancellationToken);
        }

        return rescued;
    }
}
