using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// What the jobs list asks for: a <paramref name="State"/> (one of <see cref="JobStates"/>), a profile, a job id, and
/// which page of <paramref name="PageSize"/> jobs, newest first. Null means "any".
/// </summary>
public sealed record JobFilter(string? State = null, int? ProfileId = null, long? Id = null, int Page = 1, int PageSize = JobFilter.DefaultPageSize)
{
    public const int DefaultPageSize = 25;

    public const int MaxPageSize = 200;

    /// <summary>What is wrong with the filter (unknown state, page below 1, page size out of 1–<see cref="MaxPageSize"/>); empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (State is not null && !JobStates.All.Contains(State))
        {
            errors.Add($"state must be one of {string.Join(", ", JobStates.All)}.");
        }

        if (Page < 1)
        {
            errors.Add("page must be 1 or more.");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add($"pageSize must be between 1 and {MaxPageSize}.");
        }

        return errors;
    }
}

/// <summary>One page of jobs (newest first), how many match in all, and how many jobs there are in each state (all jobs, unfiltered).</summary>
public sealed record JobListPage(IReadOnlyList<RefreshJob> Jobs, int Total, int Page, int PageSize, IReadOnlyDictionary<string, int> CountsByState)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A finished job for the history chart: when it finished, in which state, and how long its last attempt ran.</summary>
public sealed record JobHistoryPoint(long Id, int ProfileId, string State, DateTimeOffset FinishedAt, TimeSpan? Duration);

/// <summary>The reads of the jobs list and the job page: one page with the counts per state, one job, the recent history. Three queries at most per call.</summary>
public sealed class JobQueries(IDbContextFactory<CinegraphDbContext> dbFactory)
{
    public async Task<JobListPage> PageAsync(JobFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(filter));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = db.RefreshJobs.AsNoTracking();
        if (filter.State is { } state)
        {
            jobs = jobs.Where(j => j.State == state);
        }

        if (filter.ProfileId is { } profileId)
        {
            jobs = jobs.Where(j => j.ProfileId == profileId);
        }

        if (filter.Id is { } id)
        {
            jobs = jobs.Where(j => j.Id == id);
        }

        var total = await jobs.CountAsync(cancellationToken);
        var page = await jobs.OrderByDescending(j => j.Id).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        return new JobListPage(page, total, filter.Page, filter.PageSize, await CountsAsync(db, cancellationToken));
    }

    /// <summary>How many jobs are in each state (every state present, zero when none).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsByStateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CountsAsync(db, cancellationToken);
    }

    public async Task<RefreshJob?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> finished jobs, oldest first, for the history chart.</summary>
    public async Task<IReadOnlyList<JobHistoryPoint>> HistoryAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.RefreshJobs.AsNoTracking()
            .Where(j => JobStateSets.Finished.Contains(j.State))
            .OrderByDescending(j => j.Id)
            .Take(limit)
            .Select(j => new { j.Id, j.ProfileId, j.State, j.AttemptedAt, j.CompletedAt, j.CancelledAt, j.DiscardedAt, j.InsertedAt })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new JobHistoryPoint(
                r.Id, r.ProfileId, r.State, r.CompletedAt ?? r.CancelledAt ?? r.DiscardedAt ?? r.InsertedAt,
                r.AttemptedAt is { } start && (r.CompletedAt ?? r.CancelledAt ?? r.DiscardedAt) is { } end && end >= start ? end - start : null))
            .OrderBy(p => p.FinishedAt).ThenBy(p => p.Id)];
    }

    private static async Task<IReadOnlyDictionary<string, int>> CountsAsync(CinegraphDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.RefreshJobs.GroupBy(j => j.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return JobStates.All.ToDictionary(s => s, s => counts.FirstOrDefault(c => c.State == s)?.Count ?? 0);
    }
}
