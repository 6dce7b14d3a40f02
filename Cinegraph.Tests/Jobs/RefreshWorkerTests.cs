using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// The worker end to end on a real database with a job body the test controls: completion and its events, progress,
/// retry and discard, cancel, graceful shutdown, restart and long jobs (anchors §4 rows 3, 4, 9, 10, 11, 17). The clock
/// is fake: nothing time-based happens unless the test advances it.
/// </summary>
public abstract class RefreshWorkerTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunsAQueuedJobToCompletionAndPublishesQueuedProgressCompletedInOrder()
    {
        var handler = new TestJobHandler
        {
            Body = async (_, progress, ct) =>
            {
                for (var step = 1; step <= 3; step++)
                {
                    await progress.ReportAsync(step, 3, $"step {step}", ct);
                }
            },
        };
        await using var node = new JobNode(Factory, _time, handler);
        await node.StartAsync();

        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Completed);

        job.Attempt.Should().Be(1);
        job.AttemptedBy.Should().Be("node-a");
        job.CompletedAt.Should().Be(_time.GetUtcNow());
        job.ProgressDone.Should().Be(3);
        job.Errors.Should().BeEmpty();
        handler.Calls.Should().Be(1);
        await Eventually.UntilAsync(() => node.PublishedEvents.Any(e => e is RefreshCompleted), "RefreshCompleted");
        node.PublishedEvents.Should().Equal(
            new RefreshQueued(job.Id, 1),
            new RefreshProgress(job.Id, 1, 1, 3, "step 1"),
            new RefreshProgress(job.Id, 1, 2, 3, "step 2"),
            new RefreshProgress(job.Id, 1, 3, 3, "step 3"),
            new RefreshCompleted(job.Id, 1, _time.GetUtcNow()));
    }

    [Fact]
    public async Task ProgressOnTheRowOnlyGrowsAndIsReadableWithoutAnyPush()
    {
        var gate = TestJobHandler.NewGate();
        var reported = TestJobHandler.NewGate();
        var handler = new TestJobHandler
        {
            Body = async (_, progress, ct) =>
            {
                await progress.ReportAsync(2, 5, "two", ct);
                await progress.ReportAsync(1, 5, "late report of one", ct);
                reported.SetResult();
                await gate.Task.WaitAsync(ct);
                await progress.ReportAsync(5, 5, "five", ct);
            },
        };
        await using var node = new JobNode(Factory, _time, handler);
        await node.StartAsync();
        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
        await reported.Task.WaitAsync(Eventually.Timeout, Ct);

        // A page opened mid-run reads the row: no subscription, another manager.
        await using (var reader = new JobNode(Factory, _time, node: "reader"))
        {
            var midRun = await reader.Manager.GetJobAsync(queued.Job.Id, Ct);
            midRun!.State.Should().Be(JobStates.Executing);
            (midRun.ProgressDone, midRun.ProgressTotal, midRun.ProgressNote).Should().Be((2, 5, "two"));
        }

        gate.SetResult();
        var done = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Completed);
        (done.ProgressDone, done.ProgressTotal, done.ProgressNote).Should().Be((5, 5, "five"));
        node.PublishedEvents.OfType<RefreshProgress>().Select(p => p.Done).Should().Equal(2, 5);
    }

    [Fact]
    public async Task AJobThatAlwaysThrowsIsRetriedWithGrowingJitteredBackoffThenDiscardedKeepingEveryError()
    {
        var handler = new TestJobHandler { Body = (job, _, _) => throw new InvalidOperationException($"boom {job.Attempt}") };
        await using var node = new JobNode(Factory, _time, handler);
        await node.StartAsync();
        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt < 3; attempt++)
        {
            var failed = await Eventually.UntilAsync(
                () => JobRows.GetAsync(Factory, queued.Job.Id),
                j => j.State == JobStates.Retryable && j.Attempt == attempt,
                $"attempt {attempt} to fail");
            var delay = failed.ScheduledAt - failed.Errors[^1].At;
            delays.Add(delay);
            var nominal = JobBackoff.Nominal(node.Options.RetryBackoff, attempt);
            delay.Should().BeGreaterThanOrEqualTo(nominal * 0.9).And.BeLessThanOrEqualTo(nominal * 1.1);

            // Not due before its time: one second short of it, the poller leaves it alone. (The clock may have moved
            // on a little since the failure, while the test waited for it.)
            _time.Advance(failed.ScheduledAt - _time.GetUtcNow() - TimeSpan.FromSeconds(1));
            await node.Worker.QueueDueJobsAsync(Ct);
            (await JobRows.GetAsync(Factory, queued.Job.Id)).State.Should().Be(JobStates.Retryable);
            _time.Advance(TimeSpan.FromSeconds(1));
            await Eventually.UntilAsync(
                () => JobRows.GetAsync(Factory, queued.Job.Id), j => j.Attempt == attempt + 1, $"attempt {attempt + 1} to start",
                () => _time.Advance(TimeSpan.FromSeconds(1)));
        }

        var discarded = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Discarded);
        delays[1].Should().BeGreaterThan(delays[0]);
        discarded.Attempt.Should().Be(3);
        discarded.DiscardedAt.Should().NotBeNull();
        var errors = discarded.Errors;
        errors.Select(e => e.Attempt).Should().Equal(1, 2, 3);
        errors.Select(e => e.Message).Should().SatisfyRespectively(
            m => m.Should().Contain("boom 1"), m => m.Should().Contain("boom 2"), m => m.Should().Contain("boom 3"));
        handler.Calls.Should().Be(3);
        await Eventually.UntilAsync(() => node.PublishedEvents.OfType<RefreshFailed>().Count() == 3, "three RefreshFailed");
        node.PublishedEvents.OfType<RefreshFailed>().Select(f => f.State)
            .Should().Equal(JobStates.Retryable, JobStates.Retryable, JobStates.Discarded);
    }

    [Fact]
    public async Task CancellingARunningJobFiresItsTokenAndEndsItCancelled()
    {
        var tokenFired = false;
        var handler = new TestJobHandler
        {
            Body = async (_, _, ct) =>
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    tokenFired = true;
                    throw;
                }
            },
        };
        await using var node = new JobNode(Factory, _time, handler);
        await node.StartAsync();
        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
        await handler.WaitStartedAsync();

        var outcome = await node.Manager.CancelAsync(queued.Job.Id, Ct);

        outcome.Should().Be(CancelOutcome.Requested);
        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Cancelled);
        tokenFired.Should().BeTrue();
        job.CancelledAt.Should().NotBeNull();
        job.CompletedAt.Should().BeNull();
        job.Errors.Should().BeEmpty();
        await Eventually.UntilAsync(() => node.PublishedEvents.Any(e => e is RefreshFailed), "RefreshFailed");
        node.PublishedEvents.OfType<RefreshFailed>().Should().ContainSingle().Which.State.Should().Be(JobStates.Cancelled);
        node.RunningJobs.Ids.Should().BeEmpty();
    }

    [Fact]
    public async Task ACancelThatLosesTheRaceToCompletionLeavesTheJobCompleted()
    {
        var gate = TestJobHandler.NewGate();
        var handler = new TestJobHandler { Body = (_, _, _) => gate.Task };
        await using var node = new JobNode(Factory, _time, handler);
        await node.StartAsync();
        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
        await handler.WaitStartedAsync();

        // The cancel arrives while the work is finishing and does not stop it (the body ignores the token).
        (await node.Manager.CancelAsync(queued.Job.Id, Ct)).Should().Be(CancelOutcome.Requested);
        gate.SetResult();

        var job = await Eventually.UntilAsync(() => JobRows.GetAsync(Factory, queued.Job.Id), j => JobStates.IsFinished(j.State), "the job to finish");
        job.State.Should().Be(JobStates.Completed);
        job.CancelledAt.Should().BeNull();
        (await node.Manager.CancelAsync(queued.Job.Id, Ct)).Should().Be(CancelOutcome.AlreadyFinished);
        (await JobRows.GetAsync(Factory, queued.Job.Id)).State.Should().Be(JobStates.Completed);
    }

    [Fact]
    public async Task ACancelFromAnotherNodeReachesTheRunningJobThroughItsHeartbeat()
    {
        var handler = new TestJobHandler { Body = (_, _, ct) => Task.Delay(Timeout.InfiniteTimeSpan, ct) };
        await using var runner = new JobNode(Factory, _time, handler, node: "runner");
        await using var other = new JobNode(Factory, _time, node: "other");
        await runner.StartAsync();
        var queued = await runner.Manager.EnqueueAsync(1, cancellationToken: Ct);
        await handler.WaitStartedAsync();

        (await other.Manager.CancelAsync(queued.Job.Id, Ct)).Should().Be(CancelOutcome.Requested);
        (await JobRows.GetAsync(Factory, queued.Job.Id)).CancelRequested.Should().BeTrue();

        await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Cancelled, () => _time.Advance(runner.Options.HeartbeatInterval));
    }

    [Fact]
    public async Task ALongJobThatKeepsBeatingIsNeverRescuedNorRunTwice()
    {
        var gate = TestJobHandler.NewGate();
        var handler = new TestJobHandler { Body = (_, _, ct) => gate.Task.WaitAsync(ct) };
        await using var node = new JobNode(Factory, _time, handler, o => o.PollInterval = TimeSpan.FromHours(1));
        await node.StartAsync();
        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
        await handler.WaitStartedAsync();

        var runFor = 3 * node.Options.RescueAfter;
        var started = _time.GetUtcNow();
        while (_time.GetUtcNow() - started < runFor)
        {
            _time.Advance(node.Options.HeartbeatInterval);
            var now = _time.GetUtcNow();
            await Eventually.UntilAsync(() => JobRows.GetAsync(Factory, queued.Job.Id), j => j.HeartbeatAt >= now, "the heartbeat");
            (await node.Rescuer.RescueAsync(Ct)).Should().Be(0);
        }

        (await JobRows.GetAsync(Factory, queued.Job.Id)).State.Should().Be(JobStates.Executing);
        gate.SetResult();
        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Completed);
        job.Attempt.Should().Be(1);
        handler.Calls.Should().Be(1);
    }

    [Fact]
    public async Task AJobRescuedByAnotherNodeStopsHereAndItsStaleAttemptWritesNothing()
    {
        var firstRunCancelled = TestJobHandler.NewGate();
        var handler = new TestJobHandler
        {
            Body = async (job, _, ct) =>
            {
                if (job.Attempt == 1)
                {
                    await ct.WhenCancelled();
                    firstRunCancelled.SetResult();
                    ct.ThrowIfCancellationRequested();
                }
            },
        };
        await using var runner = new JobNode(Factory, _time, handler, node: "runner");
        await using var other = new JobNode(Factory, _time, node: "other");
        await runner.StartAsync();
        var queued = await runner.Manager.EnqueueAsync(1, cancellationToken: Ct);
        await handler.WaitStartedAsync();

        // The runner's beats stop reaching the database (say, a network split): its heartbeat looks dead from outside.
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            var stale = _time.GetUtcNow() - TimeSpan.FromMinutes(5);
            await db.RefreshJobs.Where(j => j.Id == queued.Job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, stale), Ct);
        }

        (await runner.Rescuer.RescueAsync(Ct)).Should().Be(0, "the runner's own process knows the job is alive");
        (await other.Rescuer.RescueAsync(Ct)).Should().Be(1);

        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Completed, () => _time.Advance(runner.Options.HeartbeatInterval));
        await firstRunCancelled.Task.WaitAsync(Eventually.Timeout, Ct);
        job.Attempt.Should().Be(2);
        handler.Runs.Should().Equal((queued.Job.Id, 1), (queued.Job.Id, 2));
        job.Errors.Should().ContainSingle("only the rescue is recorded; the stopped attempt wrote nothing");
    }

    [Fact]
    public async Task StoppingLetsTheRunningJobFinishWithinTheGraceAndClaimsNothingMore()
    {
        var gate = TestJobHandler.NewGate();
        var handler = new TestJobHandler { Body = (_, _, _) => gate.Task };
        await using var node = new JobNode(Factory, _time, handler, o => o.ShutdownGrace = TimeSpan.FromSeconds(10));
        await node.StartAsync();
        var first = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
        await handler.WaitStartedAsync();
        var second = await node.Manager.EnqueueAsync(2, cancellationToken: Ct);

        var stopping = node.StopAsync();
        gate.SetResult();
        await stopping.WaitAsync(Eventually.Timeout, Ct);

        (await JobRows.GetAsync(Factory, first.Job.Id)).State.Should().Be(JobStates.Completed);
        var waiting = await JobRows.GetAsync(Factory, second.Job.Id);
        (waiting.State, waiting.Attempt).Should().Be((JobStates.Available, 0), "no job is claimed once the stop began");
        handler.Calls.Should().Be(1);
    }

    [Fact]
    public async Task AJobStillRunningWhenTheGraceEndsGoesBackAvailableWithoutUsingAnAttempt()
    {
        var handler = new TestJobHandler { Body = (_, _, ct) => Task.Delay(Timeout.InfiniteTimeSpan, ct) };
        var queued = default(EnqueueResult);
        await using (var node = new JobNode(Factory, _time, handler, o => o.ShutdownGrace = TimeSpan.FromSeconds(10)))
        {
            await node.StartAsync();
            queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);
            await handler.WaitStartedAsync();

            var stopping = node.StopAsync();
            await Eventually.UntilAsync(() => stopping.IsCompleted, "the worker to stop", () => _time.Advance(TimeSpan.FromSeconds(1)));
            await stopping;
        }

        var job = await JobRows.GetAsync(Factory, queued.Job.Id);
        job.State.Should().Be(JobStates.Available);
        job.Attempt.Should().Be(0);
        job.HeartbeatAt.Should().BeNull();
        job.Errors.Should().BeEmpty();

        var restarted = new TestJobHandler();
        await using var next = new JobNode(Factory, _time, restarted, node: "node-b");
        await next.StartAsync();
        var done = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Completed);
        done.Attempt.Should().Be(1);
        done.AttemptedBy.Should().Be("node-b");
    }

    [Fact]
    public async Task JobsQueuedBeforeARestartAreAllRunByTheNextWorker()
    {
        var ids = new List<long>();
        await using (var before = new JobNode(Factory, _time))
        {
            foreach (var profileId in new[] { 1, 2, 3, 4, 5 })
            {
                ids.Add((await before.Manager.EnqueueAsync(profileId, cancellationToken: Ct)).Job.Id);
            }
        }

        var handler = new TestJobHandler();
        await using var after = new JobNode(Factory, _time, handler, o => o.Concurrency = 2, node: "node-b");
        await after.StartAsync();

        foreach (var id in ids)
        {
            (await JobRows.WaitForStateAsync(Factory, id, JobStates.Completed)).Attempt.Should().Be(1);
        }

        handler.Runs.Select(r => r.JobId).Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task ATimeoutThrownByTheJobIsAJobFailureNotADatabaseRetry()
    {
        await using var node = new JobNode(Factory, _time, new TestJobHandler { Body = (_, _, _) => throw new TimeoutException("slow") });
        await node.StartAsync();
        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);

        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Retryable);

        job.Errors.Should().ContainSingle().Which.Message.Should().Contain("slow");
        node.Worker.ExecuteTask!.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task AFailedAttemptKeepsAShortMessageAndTheTypeButNoStackTraceAndVisitorsSeeNeither()
    {
        var handler = new TestJobHandler
        {
            Body = async (_, _, ct) =>
            {
                await Task.Yield();
                throw new IOException("could not open /srv/cinegraph/secret.db\nsecond line of detail");
            },
        };
        await using var node = new JobNode(Factory, _time, handler);
        await node.StartAsync();
        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: Ct);

        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Retryable);
        var status = await new Cinegraph.Core.Caching.CacheStatusReader(Factory, new Cinegraph.Core.Caching.CacheRowVerdicts(Microsoft.Extensions.Logging.Abstractions.NullLogger<Cinegraph.Core.Caching.CacheRowVerdicts>.Instance), _time, Microsoft.Extensions.Options.Options.Create(new Cinegraph.Core.Caching.CacheOptions())).GetStatusAsync(Ct);

        JobErrors.Serialize(job.Errors).Should().NotContain("   at ").And.NotContain(".cs:line").And.NotContain("second line");
        var error = job.Errors.Should().ContainSingle().Subject;
        error.Message.Should().Be("could not open /srv/cinegraph/secret.db");
        error.Type.Should().Be("System.IO.IOException");
        var latest = status.Profiles.Single(p => p.ProfileId == 1).LatestJob!;
        (latest.LastError, latest.LastErrorType).Should().Be(("could not open /srv/cinegraph/secret.db", "System.IO.IOException"));
        (latest.ForVisitor().LastError, latest.ForVisitor().LastErrorType).Should().Be((JobErrors.VisitorMessage, (string?)null));
        await Eventually.UntilAsync(() => node.PublishedEvents.OfType<RefreshFailed>().Any(), "RefreshFailed");
        node.PublishedEvents.OfType<RefreshFailed>().Single().Error.Should().Be("could not open /srv/cinegraph/secret.db");
    }
}

public sealed class RefreshWorkerTestsOnSqlite() : RefreshWorkerTests(DatabaseProvider.Sqlite);

public sealed class RefreshWorkerTestsOnPostgres() : RefreshWorkerTests(DatabaseProvider.Postgres);
