using System.Globalization;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Time estimates for queued and running jobs from the last <see cref="JobEstimator.Runs"/> completed jobs of the same
/// shape (<see cref="ShapeOf(RefreshJob)"/>): their durations and step times, by <see cref="JobEstimator"/>'s rule. The
/// runs are read once (one query) and kept in memory until a job completes (<see cref="RefreshCompleted"/>), so pages
/// ask for estimates without SQL.
/// </summary>
public sealed class JobEstimates : IDisposable
{
    // Completed jobs read to find the latest of each shape.
    private const int HistoryRows = 200;

    private readonly IDbContextFactory<CinegraphDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private Task<IReadOnlyDictionary<string, IReadOnlyList<JobRun>>>? _runs;

    public JobEstimates(IDbContextFactory<CinegraphDbContext> dbFactory, IPredictionEvents events, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(events);
        _dbFactory = dbFactory;
        _time = time;
        _subscription = events.Subscribe(OnEventAsync);
    }

    /// <summary>Which jobs are alike: same kind, same number of decades, with or without the validation.</summary>
    public static string ShapeOf(RefreshJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ShapeOfParts(job.Kind, job.Decades.Count, job.IncludeValidation);
    }

    private static string ShapeOfParts(string kind, int decades, bool includeValidation) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{decades}{(includeValidation ? "+validation" : "")}");

    /// <summary>The estimate for an unfinished job; null for a finished one or when no job of its shape has completed yet.</summary>
    public async Task<JobEstimate?> EstimateAsync(JobSummary job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (JobStates.IsFinished(job.State) || job.Shape is null)
        {
            return null;
        }

        var runs = await RunsAsync(cancellationToken);
        return JobEstimator.Estimate(runs.GetValueOrDefault(job.Shape), job, _time.GetUtcNow());
    }

    public void Dispose() => _subscription.Dispose();

    private Task OnEventAsync(PredictionEvent predictionEvent)
    {
        if (predictionEvent is RefreshCompleted)
        {
            lock (_gate)
            {
                _runs = null;
            }
        }

        return Task.CompletedTask;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<JobRun>>> RunsAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<string, IReadOnlyList<JobRun>>> load;
        lock (_gate)
        {
            load = _runs ??= LoadAsync();
        }

        try
        {
            return await load.WaitAsync(cancellationToken);
        }
        catch (Exception) when (load.IsFaulted)
        {
            lock (_gate)
            {
                if (_runs == load)
                {
                    _runs = null;
                }
            }

            throw;
        }
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<JobRun>>> LoadAsync()
    {
        // Shared by every caller that waits for it, so no caller's token may cancel it.
        await using var db = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
        var rows = await db.RefreshJobs.AsNoTracking()
            .Where(j => j.State == JobStates.Completed && j.AttemptedAt != null && j.CompletedAt != null)
            .OrderByDescending(j => j.Id)
            .Take(HistoryRows)
            .Select(j => new { j.Kind, j.Decades, j.IncludeValidation, j.AttemptedAt, j.CompletedAt, j.Attempts })
            .ToListAsync(CancellationToken.None);
        return rows
            .Where(j => j.CompletedAt >= j.AttemptedAt)
            .GroupBy(j => ShapeOfParts(j.Kind, j.Decades.Count, j.IncludeValidation))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<JobRun>)[.. g.Take(JobEstimator.Runs).Select(j => new JobRun(
                j.CompletedAt!.Value - j.AttemptedAt!.Value,
                j.Attempts.LastOrDefault(a => a.Outcome == JobStates.Completed)?.Steps.Select(s => s.Seconds).ToArray() ?? []))]);
    }
}
