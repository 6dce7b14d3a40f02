using Cinegraph.Core.Caching;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs.Panel;

/// <summary>The estimate rule on its own: recency-weighted runs, a slow outlier left out, a running job's remaining steps.</summary>
public sealed class JobEstimatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void AQueuedJobIsExpectedToTakeTheLastThreeRunsWeightedThreeTwoOneNewestFirst()
    {
        var estimate = JobEstimator.Estimate(Runs(12, 18, 24, 1000), Queued(), _time.GetUtcNow());

        estimate.Should().Be(new JobEstimate(Seconds(16), Seconds(16), 3), "(3·12 + 2·18 + 1·24) / 6; the fourth run no longer counts");
    }

    [Fact]
    public void ARunMoreThanOneAndAHalfTimesTheMedianIsLeftOut()
    {
        var estimate = JobEstimator.Estimate(Runs(10, 15, 60), Queued(), _time.GetUtcNow());

        estimate.Should().Be(new JobEstimate(Seconds(12), Seconds(12), 2), "60 s is more than 1.5 × 15 s, so (3·10 + 2·15) / 5");
    }

    [Fact]
    public void WhileTheSameJobGetsFasterTheEstimateFollowsTheNewestRunMoreThanTheMedianWould()
    {
        var estimate = JobEstimator.Estimate(Runs(6, 8, 10), Queued(), _time.GetUtcNow())!;

        estimate.Expected.Should().BeLessThan(Seconds(8), "the median of 6, 8 and 10 s");
        estimate.Expected.Should().Be(TimeSpan.FromSeconds(44 / 6.0));
    }

    [Fact]
    public void ARunningJobsRemainingTimeIsItsStepsNotDoneLessTheTimeSpentInTheCurrentOne()
    {
        var runs = new[] { new JobRun(Seconds(10), [2, 4, 4]), new JobRun(Seconds(10), [2, 4, 4]) };
        var job = Running(done: 1, total: 3, stepEndedAt: Start.AddSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(3));
        JobEstimator.Estimate(runs, job, _time.GetUtcNow()).Should().Be(new JobEstimate(Seconds(10), Seconds(7), 2), "4 + 4 s to do, 1 s of it done");

        _time.Advance(TimeSpan.FromSeconds(5));
        JobEstimator.Estimate(runs, job, _time.GetUtcNow())!.Remaining.Should().Be(Seconds(4), "an overrun step still leaves the steps after it");
    }

    [Fact]
    public void ARunningJobBeforeItsFirstStepCountsFromItsStartAndStepsAreWeightedLikeRuns()
    {
        var runs = new[] { new JobRun(Seconds(4), [1, 3]), new JobRun(Seconds(9), [6, 3]) };

        _time.Advance(TimeSpan.FromSeconds(1));
        var estimate = JobEstimator.Estimate(runs, Running(done: 0, total: 2, stepEndedAt: null), _time.GetUtcNow());

        estimate.Should().Be(new JobEstimate(Seconds(6), Seconds(5), 2), "(3·1 + 2·6) / 5 + 3 s, less the 1 s since the start");
    }

    [Fact]
    public void WithoutRunsOfTheSameStepsTheRemainingTimeIsTheExpectedLessTheTimeRunNeverBelowZero()
    {
        var runs = Runs(20);
        var job = Running(done: 1, total: 5, stepEndedAt: Start.AddSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(5));
        JobEstimator.Estimate(runs, job, _time.GetUtcNow()).Should().Be(new JobEstimate(Seconds(20), Seconds(15), 1));
        _time.Advance(TimeSpan.FromSeconds(30));
        JobEstimator.Estimate(runs, job, _time.GetUtcNow())!.Remaining.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void AFinishedJobOrAShapeWithoutRunsGetsNoEstimate()
    {
        JobEstimator.Estimate(Runs(10), Queued() with { State = JobStates.Completed }, _time.GetUtcNow()).Should().BeNull();
        JobEstimator.Estimate([], Queued(), _time.GetUtcNow()).Should().BeNull();
        JobEstimator.Estimate(null, Queued(), _time.GetUtcNow()).Should().BeNull();
    }

    [Fact]
    public void ProgressPushedToTheScreenMarksWhenTheLastStepEnded()
    {
        var job = Running(done: 1, total: 3, stepEndedAt: Start.AddSeconds(2));

        var next = JobProgressMerge.Apply(job, new RefreshProgress(job.Id, 1, 2, 3, "1990s cached"), Start.AddSeconds(6));
        var same = JobProgressMerge.Apply(next, new RefreshProgress(job.Id, 1, 2, 3, "1990s cached"), Start.AddSeconds(9));

        next.StepEndedAt.Should().Be(Start.AddSeconds(6));
        same.StepEndedAt.Should().Be(Start.AddSeconds(6), "a repeated report is no new step");
    }

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);

    private static JobRun[] Runs(params int[] newestFirst) => [.. newestFirst.Select(s => new JobRun(Seconds(s), []))];

    private static JobSummary Queued() =>
        new(1, JobStates.Available, 0, 3, 0, 0, null, Start, null, null, Shape: "refresh_profile:11");

    private static JobSummary Running(int done, int total, DateTimeOffset? stepEndedAt) =>
        new(1, JobStates.Executing, 1, 3, done, total, null, Start, Start, null, AttemptedAt: Start, Shape: "refresh_profile:11", StepEndedAt: stepEndedAt);
}
