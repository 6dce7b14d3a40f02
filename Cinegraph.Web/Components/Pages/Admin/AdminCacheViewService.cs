using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;

namespace Cinegraph.Web.Components.Pages.Admin;

/// <summary>What the admin cache panel reads and does, over the Core services. Stateless; one per circuit.</summary>
public sealed class AdminCacheViewService(
    CacheStatusReader status,
    RefreshManager refresh,
    PredictionCacheWriter writer,
    CatalogService catalog,
    IPredictionEvents events,
    TimeProvider time)
{
    public const int RecentJobs = 25;

    public const int Imports = 10;

    public DateTimeOffset Now => time.GetUtcNow();

    public IDisposable Subscribe(Func<PredictionEvent, Task> handler) => events.Subscribe(handler);

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
        return new AdminCacheSnapshot(cacheStatus, recent, imports);
    }

    public async Task<(JobSummary Job, bool Conflict)> RefreshAsync(int profileId, CancellationToken cancellationToken)
    {
        var result = await refresh.EnqueueAsync(profileId, cancellationToken: cancellationToken);
        return (CacheStatusReader.Summarize(result.Job), result.Conflict);
    }

    /// <summary>Queues a refresh of every active profile; returns how many were new and how many already ran.</summary>
    public async Task<(int Queued, int AlreadyQueued)> RefreshAllAsync(CancellationToken cancellationToken)
    {
        var results = await refresh.EnqueueAllAsync(cancellationToken);
        return (results.Count(r => !r.Conflict), results.Count(r => r.Conflict));
    }

    public Task<CancelOutcome> CancelAsync(long jobId, CancellationToken cancellationToken) => refresh.CancelAsync(jobId, cancellationToken);

    public async Task<JobSummary?> RetryAsync(long jobId, CancellationToken cancellationToken) =>
        await refresh.RetryAsync(jobId, cancellationToken) is { } result ? CacheStatusReader.Summarize(result.Job) : null;

    public Task<int> ClearProfileAsync(int profileId, CancellationToken cancellationToken) => writer.ClearProfileAsync(profileId, cancellationToken);

    public Task<int> ClearAllAsync(CancellationToken cancellationToken) => writer.ClearAllAsync(cancellationToken);

    private static DateTimeOffset? FinishedAt(RefreshJob job) => job.CompletedAt ?? job.CancelledAt ?? job.DiscardedAt;
}

/// <summary>Everything the panel shows at one moment.</summary>
public sealed record AdminCacheSnapshot(CacheStatus Status, IReadOnlyList<RecentJob> Jobs, IReadOnlyList<DataImport> Imports);

/// <summary>A job of the recent list; its duration runs from the last attempt's start to its end.</summary>
public sealed record RecentJob(JobSummary Job, string ProfileName, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public TimeSpan? Duration => StartedAt is { } start && FinishedAt is { } end ? end - start : null;
}
