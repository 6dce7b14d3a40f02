using System.Globalization;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// How long a job is expected to take in all (<paramref name="Expected"/>, the median of the last <paramref name="BasedOn"/>
/// completed jobs of its shape) and how long is left of it now (<paramref name="Remaining"/>; zero when it already runs longer).
/// </summary>
public sealed record JobEstimate(TimeSpan Expected, TimeSpan Remaining, int BasedOn);

/// <summary>
/// Time estimates for queued and running jobs from the durations (last attempt's start to completion) of the last
/// <see cref="Runs"/> completed jobs of the same shape (<see cref="ShapeOf(RefreshJob)"/>): their median, so one odd run
/// (the first after an import also fits the learned model) does not pull the estimate. The durations are read once (one query)
/// and kept in memory until a job completes (<see cref="RefreshCompleted"/>), so pages ask for estimates without SQL.
/// </summary>
public sealed class JobEstimates : IDisposable
{
    /// <summary>How many of the latest completed jobs of a shape the estimate takes the median of.</summary>
    public const int Runs = 3;

    // Completed jobs read to find the latest of each shape.
    private const int HistoryRows = 200;

    private readonly IDbContextFactory<CinegraphDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private Task<IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>>>? _durations;

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

        var durations = await DurationsAsync(cancellationToken);
        return Estimate(durations.GetValueOrDefault(job.Shape), job, _time.GetUtcNow());
    }

    /// <summary>The estimate from the latest durations of the job's shape (newest first); see <see cref="EstimateAsync"/>.</summary>
    public static JobEstimate? Estimate(IReadOnlyList<TimeSpan>? latest, JobSummary job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (latest is not { Count: > 0 } || JobStates.IsFinished(job.State))
        {
            return null;
        }

        var runs = latest.Take(Runs).Order().ToList();
        var middle = runs.Count / 2;
        var expected = runs.Count % 2 == 1 ? runs[middle] : (runs[middle - 1] + runs[middle]) / 2;
        var elapsed = job.State == JobStates.Executing && job.AttemptedAt is { } start ? now - start : TimeSpan.Zero;
        var remaining = expected - elapsed;
        return new JobEstimate(expected, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining, runs.Count);
    }

    public void Dispose() => _subscription.Dispose();

    private Task OnEventAsync(PredictionEvent predictionEvent)
    {
        if (predictionEvent is RefreshCompleted)
        {
            lock (_gate)
            {
                _durations = null;
            }
        }

        return Task.CompletedTask;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>>> DurationsAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>>> load;
        lock (_gate)
        {
            load = _durations ??= LoadAsync();
        }

        try
        {
            return await load.WaitAsync(cancellationToken);
        }
        catch (Exception) when (load.IsFaulted)
        {
            lock (_gate)
            {
                if (_durations == load)
                {
                    _durations = null;
                }
            }

            throw;
        }
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>>> LoadAsync()
    {
        // Shared by every caller that waits for it, so no caller's token may cancel it.
        await using var db = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
        var rows = await db.RefreshJobs.AsNoTracking()
            .Where(j => j.State == JobStates.Completed && j.AttemptedAt != null && j.CompletedAt != null)
            .OrderByDescending(j => j.Id)
            .Take(HistoryRows)
            .Select(j => new { j.Kind, j.Decades, j.IncludeValidation, j.AttemptedAt, j.CompletedAt })
            .ToListAsync(CancellationToken.None);
        return rows
            .Where(j => j.CompletedAt >= j.AttemptedAt)
            .GroupBy(j => ShapeOfParts(j.Kind, j.Decades.Count, j.IncludeValidation))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TimeSpan>)[.. g.Take(Runs).Select(j => j.CompletedAt!.Value - j.AttemptedAt!.Value)]);
    }
}
