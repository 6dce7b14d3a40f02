using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Deletes finished jobs (completed, cancelled, discarded) that finished more than <see cref="JobOptions.PruneAfter"/>
/// ago, at most <see cref="JobOptions.PruneBatchSize"/> rows per statement (the <see cref="JobLedger"/>'s). Unfinished
/// jobs are never touched, however old.
/// </summary>
public sealed class JobPruner(JobLedger ledger, TimeProvider timeProvider, IOptions<JobOptions> options, ILogger<JobPruner> logger)
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
    public Task<int> PruneBatchAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        ledger.PruneBatchAsync(cutoff, cancellationToken);
}
