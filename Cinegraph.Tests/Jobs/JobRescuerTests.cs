using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs;

/// <summary>Crash rescue by heartbeat (anchors §4 row 1, after Oban's lifeline_test "rescuing executing jobs older than the rescue window").</summary>
public abstract class JobRescuerTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RescuesOnlyExecutingJobsWhoseHeartbeatIsStale()
    {
        await using var node = new JobNode(Factory, _time, configure: o => o.RescueAfter = TimeSpan.FromSeconds(10));
        var now = _time.GetUtcNow();
        var fresh = await Executing(now - TimeSpan.FromSeconds(5), attempt: 1);
        var stale = await Executing(now - TimeSpan.FromMinutes(10), attempt: 1);
        var exhausted = await Executing(now - TimeSpan.FromMinutes(10), attempt: 3);
        var cancelAsked = await Executing(now - TimeSpan.FromMinutes(10), attempt: 1, cancelRequested: true);
        var waiting = await JobRows.InsertAsync(Factory, JobStates.Available, now - TimeSpan.FromHours(1), j => j.HeartbeatAt = now - TimeSpan.FromHours(1));

        var rescued = await node.Rescuer.RescueAsync(TestContext.Current.CancellationToken);

        rescued.Should().Be(3);
        (await JobRows.GetAsync(Factory, fresh.Id)).State.Should().Be(JobStates.Executing);
        var available = await JobRows.GetAsync(Factory, stale.Id);
        (available.State, available.Attempt, available.ScheduledAt).Should().Be((JobStates.Available, 1, now));
        available.Errors.Should().ContainSingle().Which.Message.Should().Contain("crashed-node");
        var discarded = await JobRows.GetAsync(Factory, exhausted.Id);
        (discarded.State, discarded.DiscardedAt).Should().Be((JobStates.Discarded, now));
        (await JobRows.GetAsync(Factory, cancelAsked.Id)).State.Should().Be(JobStates.Cancelled);
        (await JobRows.GetAsync(Factory, waiting.Id)).State.Should().Be(JobStates.Available);
        node.PublishedEvents.Should().BeEquivalentTo(new PredictionEvent[]
        {
            new RefreshQueued(stale.Id, 1),
            new RefreshFailed(exhausted.Id, 1, JobStates.Discarded, discarded.Errors[^1].Message),
            new RefreshFailed(cancelAsked.Id, 1, JobStates.Cancelled, (await JobRows.GetAsync(Factory, cancelAsked.Id)).Errors[^1].Message),
        });
    }

    [Fact]
    public async Task AHeartbeatJustInsideTheWindowIsLeftAloneAndRescuedOnceTheClockPassesIt()
    {
        await using var node = new JobNode(Factory, _time, configure: o => o.RescueAfter = TimeSpan.FromSeconds(10));
        var job = await Executing(_time.GetUtcNow(), attempt: 1);

        _time.Advance(TimeSpan.FromSeconds(10));
        (await node.Rescuer.RescueAsync(TestContext.Current.CancellationToken)).Should().Be(0);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await node.Rescuer.RescueAsync(TestContext.Current.CancellationToken)).Should().Be(1);

        (await JobRows.GetAsync(Factory, job.Id)).State.Should().Be(JobStates.Available);
    }

    [Fact]
    public async Task ARescuedAttemptEndsAtTheRescueSayingItStoppedReportingProgressAndKeepsItsSteps()
    {
        await using var node = new JobNode(Factory, _time, configure: o => o.RescueAfter = TimeSpan.FromSeconds(10));
        var now = _time.GetUtcNow();
        var heartbeat = now - TimeSpan.FromMinutes(10);
        var started = heartbeat - TimeSpan.FromMinutes(1);
        var earlier = new JobAttemptRecord(1, "other-node", started - TimeSpan.FromHours(1), started - TimeSpan.FromMinutes(50), JobStates.Retryable, []);
        var midway = await Executing(heartbeat, attempt: 2, attempts:
            [earlier, new JobAttemptRecord(2, "crashed-node", started, null, null, [new JobStep("snapshot loaded", 1.5)])]);
        var beforeFirstStep = await Executing(heartbeat, attempt: 3);

        (await node.Rescuer.RescueAsync(TestContext.Current.CancellationToken)).Should().Be(2);

        (await JobRows.GetAsync(Factory, midway.Id)).Attempts.Should().BeEquivalentTo(new[]
        {
            earlier,
            new JobAttemptRecord(2, "crashed-node", started, now, AttemptRecorder.StoppedReporting, [new JobStep("snapshot loaded", 1.5)]),
        }, o => o.WithStrictOrdering());
        var discarded = await JobRows.GetAsync(Factory, beforeFirstStep.Id);
        discarded.State.Should().Be(JobStates.Discarded);
        discarded.Attempts.Should().BeEquivalentTo(new[] { new JobAttemptRecord(3, "crashed-node", started, now, AttemptRecorder.StoppedReporting, []) });
        discarded.Errors.Should().ContainSingle().Which.Message.Should().Contain("attempt 3 stopped reporting progress (its node stopped or lost the database)");
    }

    private Task<RefreshJob> Executing(DateTimeOffset heartbeat, int attempt, bool cancelRequested = false, IReadOnlyList<JobAttemptRecord>? attempts = null) =>
        JobRows.InsertAsync(Factory, JobStates.Executing, heartbeat - TimeSpan.FromMinutes(1), j =>
        {
            j.Attempt = attempt;
            j.AttemptedAt = heartbeat - TimeSpan.FromMinutes(1);
            j.AttemptedBy = "crashed-node";
            j.HeartbeatAt = heartbeat;
            j.CancelRequested = cancelRequested;
            j.Attempts = attempts ?? [];
        });
}

public sealed class JobRescuerTestsOnSqlite() : JobRescuerTests(DatabaseProvider.Sqlite);

public sealed class JobRescuerTestsOnPostgres() : JobRescuerTests(DatabaseProvider.Postgres);
