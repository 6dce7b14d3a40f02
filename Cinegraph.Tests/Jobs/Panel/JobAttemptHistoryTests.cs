using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs.Panel;

/// <summary>What the job page shows comes from the row the worker writes: every attempt with its node, start, end and step durations.</summary>
public abstract class JobAttemptHistoryTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordsEachAttemptWithItsNodeStepDurationsAndOutcomeAndTheTimelineReadsThemInOrder()
    {
        var second = TestJobHandler.NewGate();
        var handler = new TestJobHandler
        {
            Body = async (job, progress, ct) =>
            {
                if (job.Attempt == 2)
                {
                    await second.Task.WaitAsync(ct);
                }

                _time.Advance(TimeSpan.FromSeconds(4));
                await progress.ReportAsync(1, 3, "loaded 300 films", ct);
                if (job.Attempt == 1)
                {
                    throw new InvalidOperationException("boom in the 1990s\n   at Some.Stack.Frame()");
                }

                _time.Advance(TimeSpan.FromSeconds(2));
                await progress.ReportAsync(2, 3, "1990s cached", ct);
                _time.Advance(TimeSpan.FromSeconds(3));
                await progress.ReportAsync(3, 3, "2000s cached", ct);
            },
        };
        await using var node = new JobNode(Factory, _time, handler);
        await node.StartAsync();

        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
        var failed = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Retryable);
        failed.Attempts.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Number = 1,
            Node = "node-a",
            Outcome = JobStates.Retryable,
            Steps = new[] { new JobStep("loaded 300 films", 4) },
        });
        _time.Advance(failed.ScheduledAt - _time.GetUtcNow());

        // The clock moves only until the second attempt runs, so its steps take exactly what its body advances.
        await Eventually.UntilAsync(() => handler.Calls == 2, "the second attempt", () => _time.Advance(TimeSpan.FromSeconds(1)));
        second.SetResult();
        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Completed);

        job.Attempts.Select(a => (a.Number, a.Node, a.Outcome)).Should().Equal((1, "node-a", JobStates.Retryable), (2, "node-a", JobStates.Completed));
        job.Attempts[1].Steps.Select(s => s.Name).Should().Equal("loaded 300 films", "1990s cached", "2000s cached");
        job.Attempts[1].Steps[0].Seconds.Should().BeGreaterThanOrEqualTo(4, "the clock may move while the test waits for the attempt to start");
        job.Attempts[1].Steps.Skip(1).Select(s => s.Seconds).Should().Equal(2, 3);
        job.Attempts[1].EndedAt.Should().Be(job.CompletedAt);
        job.Attempts[0].EndedAt.Should().Be(job.Errors[0].At);

        var timeline = JobTimeline.Build(job);
        timeline.Select(e => e.Kind).Should().Equal(
            JobTimeline.Queued, JobTimeline.Started, JobTimeline.Failed, JobTimeline.Started, JobTimeline.Retry, JobStates.Completed);
        timeline[1].Text.Should().Be("Attempt 1 started on node-a");
        timeline[2].Text.Should().Be("Attempt 1 failed: boom in the 1990s");
        timeline[4].Text.Should().StartWith("Retried after ");
        timeline.Should().NotContain(e => e.Text.Contains("Stack.Frame", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunningAttemptShowsTheStepsDoneSoFarOnItsRow()
    {
        var gate = TestJobHandler.NewGate();
        var handler = new TestJobHandler
        {
            Body = async (_, progress, ct) =>
            {
                _time.Advance(TimeSpan.FromSeconds(5));
                await progress.ReportAsync(1, 2, "loaded 300 films", ct);
                await gate.Task.WaitAsync(ct);
            },
        };
        await using var node = new JobNode(Factory, _time, handler);
        await node.StartAsync();

        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
        var running = await Eventually.UntilAsync(
            () => JobRows.GetAsync(Factory, queued.Job.Id), j => j.ProgressDone == 1, "the first step on the row");
        gate.SetResult();

        running.State.Should().Be(JobStates.Executing);
        running.Attempts.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Number = 1,
            Node = "node-a",
            EndedAt = (DateTimeOffset?)null,
            Outcome = (string?)null,
            Steps = new[] { new JobStep("loaded 300 films", 5) },
        });
    }

    [Fact]
    public void ATimelineOfAJobRetriedLaterSaysWhenAndWithWhichBackoff()
    {
        var at = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var job = new RefreshJob
        {
            Kind = JobKinds.RefreshProfile,
            Decades = [1990],
            UniqueKey = "refresh:1",
            State = JobStates.Retryable,
            Attempt = 1,
            MaxAttempts = 3,
            InsertedAt = at,
            ScheduledAt = at.AddSeconds(31),
            Errors = [new JobError(at.AddSeconds(16), 1, "boom")],
            Attempts = [new JobAttemptRecord(1, "node-a", at.AddSeconds(1), at.AddSeconds(16), JobStates.Retryable, [])],
        };

        JobTimeline.Build(job).Select(e => e.Text).Should().Equal(
            "Queued",
            "Attempt 1 started on node-a",
            "Attempt 1 failed: boom",
            "Retry 2 of 3 scheduled for 2026-11-01 12:00:31 UTC (backoff 15 s)");
    }
}

public sealed class JobAttemptHistoryTestsOnSqlite() : JobAttemptHistoryTests(DatabaseProvider.Sqlite);

public sealed class JobAttemptHistoryTestsOnPostgres() : JobAttemptHistoryTests(DatabaseProvider.Postgres);
