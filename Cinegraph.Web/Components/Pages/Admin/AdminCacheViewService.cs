using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Microsoft.Extensions.Options;

namespace Cinegraph.Web.Components.Pages.Admin;

/// <summary>The admin cache panel's calls into Core: the status, recent jobs and imports, and the commands (<see cref="PageCommands"/>).</summary>
public sealed class AdminCacheViewService(
    CacheStatusReader status,
    RefreshManager refresh,
    PredictionCacheWriter writer,
    CatalogService catalog,
    PageCommands commands,
    CatalogueState state,
    JobEstimates estimates,
    IOptions<RefreshScheduleOptions> schedule)
{
    /// <summary>Jobs the panel lists; every job is on <c>/admin/jobs</c>.</summary>
    public const int RecentJobs = 10;

    public const int Imports = 10;

    public DateTimeOffset Now => commands.Now;

    public IDisposable Subscribe(Func<CatalogueChange, Task> listener) => state.Subscribe(listener);

    /// <summary>Every active profile × decade, each profile's latest job, the recent jobs and the import history.</summary>
    public async Task<AdminCacheSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var cacheStatus = await status.GetStatusAsync(cancellationToken);
        var jobs = await refresh.GetRecentJobsAsync(RecentJobs, cancellationToken);
        var imports = await catalog.GetImportHistoryAsync(Imports, cancellationToken);
        var names = cacheStatus.Profiles.ToDictionary(p => p.ProfileId, p => p.ProfileName);
        var recent = jobs
            .Select(j => new RecentJob(CacheStatusReader.Summarize(j), names.GetValueOrDefault(j.ProfileId, $"profile {j.ProfileId}"), j.AttemptedAt, FinishedAt(j)))
            .ToArray();
        var estimated = new Dictionary<long, JobEstimate>();
        foreach (var job in cacheStatus.Profiles.Select(p => p.LatestJob).OfType<JobSummary>())
        {
            if (await estimates.EstimateAsync(job, cancellationToken) is { } estimate)
            {
                estimated[job.Id] = estimate;
            }
        }

        return new AdminCacheSnapshot(cacheStatus, recent, imports, CacheRowCounts.From(cacheStatus), estimated, schedule.Value.NextRunAfter(cacheStatus.At));
    }

    public Task<(JobSummary Job, bool Conflict)> RefreshAsync(int profileId, CancellationToken cancellationToken) => commands.RefreshAsync(profileId, cancellationToken);

    public Task<(int Queued, int AlreadyQueued)> RefreshAllAsync(CancellationToken cancellationToken) => commands.RefreshAllAsync(cancellationToken);

    public Task<CancelOutcome> CancelAsync(long jobId, CancellationToken cancellationToken) => commands.CancelAsync(jobId, cancellationToken);

    public Task<JobSummary?> RetryAsync(long jobId, CancellationToken cancellationToken) => commands.RetryAsync(jobId, cancellationToken);

    public Task<int> ClearProfileAsync(int profileId, CancellationToken cancellationToken) => writer.ClearProfileAsync(profileId, cancellationToken);

    public Task<int> ClearAllAsync(CancellationToken cancellationToken) => writer.ClearAllAsync(cancellationToken);

    private static DateTimeOffset? FinishedAt(RefreshJob job) => job.CompletedAt ?? job.CancelledAt ?? job.DiscardedAt;
}

/// <summary>
/// Everything the panel shows at one moment: the status, the recent jobs, the imports, how many rows are stale or
/// invalid, the estimates of the unfinished latest jobs, and the daily refresh's next run (null when it is off).
/// </summary>
public sealed record AdminCacheSnapshot(
    CacheStatus Status,
    IReadOnlyList<RecentJob> Jobs,
    IReadOnlyList<DataImport> Imports,
    CacheRowCounts Rows,
    IReadOnlyDictionary<long, JobEstimate> Estimates,
    DateTimeOffset? NextScheduledRefresh);

/// <summary>A job of the recent list; its duration runs from the last attempt's start to its end.</summary>
public sealed record RecentJob(JobSummary Job, string ProfileName, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public TimeSpan? Duration => StartedAt is { } start && FinishedAt is { } end ? end - start : null;
}
