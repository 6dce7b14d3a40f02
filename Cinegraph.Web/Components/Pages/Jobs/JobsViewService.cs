using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;

namespace Cinegraph.Web.Components.Pages.Jobs;

/// <summary>The jobs list's and the job page's calls into Core: pages of jobs, one job with its timeline and estimate, the history, and the actions.</summary>
public sealed class JobsViewService(JobQueries queries, JobBulkActions bulk, PageCommands commands, JobEstimates estimates, CatalogueState state)
{
    /// <summary>How many finished jobs the history chart shows.</summary>
    public const int HistoryJobs = 100;

    public DateTimeOffset Now => commands.Now;

    public IDisposable Subscribe(Func<CatalogueChange, Task> listener) => state.Subscribe(listener);

    public async Task<JobsListView> GetListAsync(JobFilter filter, CancellationToken cancellationToken)
    {
        var page = await queries.PageAsync(filter, cancellationToken);
        var names = await ProfileNamesAsync(cancellationToken);
        var items = new List<JobListItem>(page.Jobs.Count);
        foreach (var job in page.Jobs)
        {
            var summary = CacheStatusReader.Summarize(job);
            items.Add(new JobListItem(job, NameOf(names, job.ProfileId), await estimates.EstimateAsync(summary, cancellationToken)));
        }

        return new JobsListView(page, items, names);
    }

    public Task<IReadOnlyList<JobHistoryPoint>> GetHistoryAsync(CancellationToken cancellationToken) => queries.HistoryAsync(HistoryJobs, cancellationToken);

    public async Task<JobView?> GetJobAsync(long id, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } job)
        {
            return null;
        }

        var names = await ProfileNamesAsync(cancellationToken);
        var estimate = await estimates.EstimateAsync(CacheStatusReader.Summarize(job), cancellationToken);
        return new JobView(job, NameOf(names, job.ProfileId), JobTimeline.Build(job), estimate);
    }

    public Task<CancelOutcome> CancelAsync(long jobId, CancellationToken cancellationToken) => commands.CancelAsync(jobId, cancellationToken);

    public Task<JobSummary?> RetryAsync(long jobId, CancellationToken cancellationToken) => commands.RetryAsync(jobId, cancellationToken);

    public Task<BulkOutcome> CancelManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) => bulk.CancelAsync(ids, cancellationToken);

    public Task<BulkOutcome> RetryManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) => bulk.RetryAsync(ids, cancellationToken);

    public Task<BulkOutcome> DeleteManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) => bulk.DeleteAsync(ids, cancellationToken);

    private async Task<IReadOnlyDictionary<int, string>> ProfileNamesAsync(CancellationToken cancellationToken) =>
        (await state.GetAsync(cancellationToken)).Profiles.ToDictionary(p => p.Id, p => p.Name);

    private static string NameOf(IReadOnlyDictionary<int, string> names, int profileId) => names.GetValueOrDefault(profileId, $"profile {profileId}");
}

/// <summary>A page of the jobs list, its rows with their profile's name and estimate, and the active profiles (for the filter).</summary>
public sealed record JobsListView(JobListPage Page, IReadOnlyList<JobListItem> Items, IReadOnlyDictionary<int, string> Profiles);

public sealed record JobListItem(RefreshJob Job, string ProfileName, JobEstimate? Estimate)
{
    public DateTimeOffset? FinishedAt => Job.CompletedAt ?? Job.CancelledAt ?? Job.DiscardedAt;

    public TimeSpan? Duration => Job.AttemptedAt is { } start && FinishedAt is { } end ? end - start : null;
}

/// <summary>One job as its page shows it.</summary>
public sealed record JobView(RefreshJob Job, string ProfileName, IReadOnlyList<JobTimelineEntry> Timeline, JobEstimate? Estimate);
