using Cinegraph.Core.Caching;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// How long a job of its shape is expected to take in all (<paramref name="Expected"/>) and how long is left of this one
/// now (<paramref name="Remaining"/>; zero once it runs past its last step's usual time), from <paramref name="BasedOn"/>
/// completed jobs of its shape.
/// </summary>
public sealed record JobEstimate(TimeSpan Expected, TimeSpan Remaining, int BasedOn);

/// <summary>
/// One completed job of a shape: how long it took (its last attempt's start to its completion) and how long each step
/// of that attempt took, in seconds, in order (empty when none were recorded).
/// </summary>
public sealed record JobRun(TimeSpan Duration, IReadOnlyList<double> Steps);

/// <summary>
/// The estimate rule, on its own so it is tested with a fake clock and no database (<see cref="JobEstimates"/> feeds it).
/// <list type="bullet">
/// <item>The last <see cref="Runs"/> completed runs of the shape count, the newest most (weights 3, 2, 1): the same job
/// gets faster while a new process warms up, so the newest run says most about the next one.</item>
/// <item>A run more than <see cref="OutlierFactor"/> times the median of those runs is left out (the first refresh
/// after an import also fits the learned model).</item>
/// <item>A running job's remaining time is summed from its steps not done yet, each step's time weighted the same way
/// over the runs that had the same steps, less the time already spent in the current step (never below the steps after
/// it). Without such runs, it is the expected time less the time run so far.</item>
/// </list>
/// </summary>
public static class JobEstimator
{
    /// <summary>How many of the latest completed runs of a shape count.</summary>
    public const int Runs = 3;

    /// <summary>A run longer than this many times the median of the counted runs is left out.</summary>
    public const double OutlierFactor = 1.5;

    private static readonly int[] Weights = [3, 2, 1];

    /// <summary>
    /// The estimate for <paramref name="job"/> at <paramref name="now"/> from the completed runs of its shape
    /// (<paramref name="newestFirst"/>); null for a finished job or when no run is known.
    /// </summary>
    public static JobEstimate? Estimate(IReadOnlyList<JobRun>? newestFirst, JobSummary job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (newestFirst is not { Count: > 0 } || JobStates.IsFinished(job.State))
        {
            return null;
        }

        var counted = Counted(newestFirst);
        var expected = TimeSpan.FromSeconds(WeightedMean(counted, r => r.Duration.TotalSeconds));
        if (job.State != JobStates.Executing || job.AttemptedAt is not { } start)
        {
            return new JobEstimate(expected, expected, counted.Count);
        }

        var remaining = RemainingBySteps(counted, job, now) ?? expected - (now - start);
        return new JobEstimate(expected, Max(remaining, TimeSpan.Zero), counted.Count);
    }

    /// <summary>The counted runs with their weights: the latest <see cref="Runs"/>, outliers left out.</summary>
    private static List<(JobRun Run, int Weight)> Counted(IReadOnlyList<JobRun> newestFirst)
    {
        var latest = newestFirst.Take(Runs).Select((run, i) => (Run: run, Weight: Weights[i])).ToList();
        var sorted = latest.Select(r => r.Run.Duration).Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return [.. latest.Where(r => r.Run.Duration <= median * OutlierFactor)];
    }

    private static TimeSpan? RemainingBySteps(List<(JobRun Run, int Weight)> counted, JobSummary job, DateTimeOffset now)
    {
        var alike = counted.Where(r => job.ProgressTotal > 0 && r.Run.Steps.Count == job.ProgressTotal).ToList();
        if (alike.Count == 0 || job.ProgressDone >= job.ProgressTotal || job.AttemptedAt is not { } start)
        {
            return null;
        }

        var steps = Enumerable.Range(job.ProgressDone, job.ProgressTotal - job.ProgressDone)
            .Select(i => WeightedMean(alike, r => r.Steps[i]))
            .ToList();
        var inCurrentStep = Max(now - (job.StepEndedAt ?? start), TimeSpan.Zero).TotalSeconds;
        var afterCurrent = steps.Skip(1).Sum();
        return TimeSpan.FromSeconds(Math.Max(afterCurrent, steps.Sum() - inCurrentStep));
    }

    private static double WeightedMean(List<(JobRun Run, int Weight)> runs, Func<JobRun, double> value) =>
        runs.Sum(r => value(r.Run) * r.Weight) / runs.Sum(r => r.Weight);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
