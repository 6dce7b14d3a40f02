using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Deletes finished jobs (completed, cancelled, discarded) that finished more than <see cref="JobOptions.PruneAfter"/>
/// ago, at most <see cref="JobOptions.PruneBatchSize"/> rows per statement. Unfinished jobs are never touched, however old.
/// </summary>
public sealed class JobPruner(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    TimeProvider timeProvider,
    IOptions<JobOptions> options,
    ILogger<JobPruner> logger)
{
    /// <summary>Deletes every prunable job, batch after batch; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = timeProvider.GetUtcNow() - options.Value.PruneAfter;
        var total = 0;
        int deleted;
        do
        {
            deleted = await PruneBatchAsync(cutoff, cancellationToken);
            total += deleted;
        }
        while (deleted == options.Value.PruneBatchSize);

        if (total > 0)
        {
            JobsLog.JobsPruned(logger, total, cutoff);
        }

        return total;
    }

    /// <summary>Deletes one batch of jobs that finished before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PruneBatchAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = db.RefreshJobs
            .Where(j => JobStateSets.Finished.Contains(j.State) && (j.CompletedAt ?? j.CancelledAt ?? j.DiscardedAt ?? j.InsertedAt) < cutoff)
            .OrderBy(j => j.Id)
            .Select(j => j.Id)
            .Take(options.Value.PruneBatchSize);
        return await db.RefreshJobs.Where(j => batch.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
