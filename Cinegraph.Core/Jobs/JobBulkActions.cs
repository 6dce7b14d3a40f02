namespace Cinegraph.Core.Jobs;

/// <summary>What a bulk action did: how many jobs it acted on, and how many it left alone (finished, unfinished or gone).</summary>
public sealed record BulkOutcome(int Done, int Skipped);

/// <summary>The jobs list's actions on several selected jobs at once, each job as its single action would do it.</summary>
public sealed class JobBulkActions(RefreshManager refresh)
{
    /// <summary>Cancels each unfinished job (a running one is asked to stop); finished or missing ones are skipped.</summary>
    public async Task<BulkOutcome> CancelAsync(IReadOnlyCollection<long> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var done = 0;
        foreach (var id in jobIds.Distinct())
        {
            if (await refresh.CancelAsync(id, cancellationToken) is CancelOutcome.Cancelled or CancelOutcome.Requested)
            {
                done++;
            }
        }

        return new BulkOutcome(done, jobIds.Distinct().Count() - done);
    }

    /// <summary>
    /// Runs each finished job again as a new job; skipped are unfinished or missing ones, and a job whose profile already
    /// has an unfinished job (e.g. two selected jobs of one profile: the second finds the first's retry).
    /// </summary>
    public async Task<BulkOutcome> RetryAsync(IReadOnlyCollection<long> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var done = 0;
        foreach (var id in jobIds.Distinct())
        {
            if (await refresh.RetryAsync(id, cancellationToken) is { Conflict: false })
            {
                done++;
            }
        }

        return new BulkOutcome(done, jobIds.Distinct().Count() - done);
    }

    /// <summary>Deletes the finished jobs among them; unfinished ones are skipped (cancel them first).</summary>
    public async Task<BulkOutcome> DeleteAsync(IReadOnlyCollection<long> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var deleted = await refresh.DeleteFinishedAsync(jobIds, cancellationToken);
        return new BulkOutcome(deleted, jobIds.Distinct().Count() - deleted);
    }
}
