using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.JobHost;

/// <summary>
/// Stands in for the real calculation: one row per decade in <c>job_marks</c>, written by an upsert so a re-run leaves
/// one row per decade (as the real job leaves one cache row per decade). The test creates the table.
/// </summary>
internal sealed class MarkingJobHandler(IDbContextFactory<CinegraphDbContext> dbFactory, int? blockAfter) : IRefreshJobHandler
{
    public async Task ExecuteAsync(RefreshJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var decades = job.Decades;
        for (var i = 0; i < decades.Count; i++)
        {
            if (job.Attempt == 1 && i == blockAfter)
            {
                // Mid-job: the test kills the process here.
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var decade = decades[i];
                var attempt = job.Attempt;
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO job_marks (job_id, decade, attempt) VALUES ({job.Id}, {decade}, {attempt}) ON CONFLICT (job_id, decade) DO UPDATE SET attempt = excluded.attempt",
                    cancellationToken);
            }

            await progress.ReportAsync(i + 1, decades.Count, null, cancellationToken);
        }
    }
}
