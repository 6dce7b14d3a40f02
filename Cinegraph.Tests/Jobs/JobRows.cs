using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Jobs;

/// <summary>Direct reads and writes of <c>refresh_jobs</c> rows, bypassing the queue.</summary>
internal static class JobRows
{
    public static async Task<RefreshJob> GetAsync(IDbContextFactory<CinegraphDbContext> factory, long jobId)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RefreshJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
    }

    public static async Task<List<RefreshJob>> AllAsync(IDbContextFactory<CinegraphDbContext> factory)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RefreshJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync(ct);
    }

    /// <summary>Waits (bounded) until the job is in <paramref name="state"/>; <paramref name="eachRound"/> may advance a fake clock.</summary>
    public static Task<RefreshJob> WaitForStateAsync(IDbContextFactory<CinegraphDbContext> factory, long jobId, string state, Action? eachRound = null) =>
        Eventually.UntilAsync(() => GetAsync(factory, jobId), j => j.State == state, $"job {jobId} to be {state}", eachRound);

    /// <summary>Inserts a row as given (a job in any state), with defaults for what the test does not care about.</summary>
    public static async Task<RefreshJob> InsertAsync(
        IDbContextFactory<CinegraphDbContext> factory, string state, DateTimeOffset at, Action<RefreshJob>? configure = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var job = new RefreshJob
        {
            Kind = JobKinds.RefreshProfile,
            ProfileId = 1,
            Decades = [1990],
            UniqueKey = $"test:{Guid.NewGuid():N}",
            State = state,
            MaxAttempts = 3,
            InsertedAt = at,
            ScheduledAt = at,
        };
        configure?.Invoke(job);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.RefreshJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    public static string Describe(RefreshJob job) =>
        $"job {job.Id} {job.State}, attempt {job.Attempt}/{job.MaxAttempts}, scheduled {job.ScheduledAt:O}, heartbeat {job.HeartbeatAt:O}, " +
        $"progress {job.ProgressDone}/{job.ProgressTotal}, cancel requested {job.CancelRequested}, errors {JobErrors.Serialize(job.Errors)}";
}
