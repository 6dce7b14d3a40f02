using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs;

/// <summary>Enqueue with a unique key (anchors §4 rows 5 and 6), cancel of waiting jobs, retry, and the status queries.</summary>
public abstract class RefreshManagerTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task QueuesAllElevenDecadesWithValidationByDefault()
    {
        await using var node = new JobNode(Factory, _time);

        var result = await node.Manager.EnqueueAsync(1, cancellationToken: TestContext.Current.CancellationToken);

        result.Conflict.Should().BeFalse();
        var job = await JobRows.GetAsync(Factory, result.Job.Id);
        job.Decades.Should().Equal(MoviePredictor.Decades);
        job.IncludeValidation.Should().BeTrue();
        job.State.Should().Be(JobStates.Available);
        job.UniqueKey.Should().Be("refresh:1");
        job.Attempt.Should().Be(0);
        job.MaxAttempts.Should().Be(3);
        job.ScheduledAt.Should().Be(_time.GetUtcNow());
        node.PublishedEvents.Should().Equal(new RefreshQueued(job.Id, 1));
    }

    [Fact]
    public async Task QueuesOnlyTheGivenDecadesSortedWithoutValidation()
    {
        await using var node = new JobNode(Factory, _time);

        var result = await node.Manager.EnqueueAsync(2, [1990, 1950, 1990], TestContext.Current.CancellationToken);

        result.Job.Decades.Should().Equal(1950, 1990);
        result.Job.IncludeValidation.Should().BeFalse();
    }

    [Fact]
    public async Task RefusesUnknownDecadesAndProfiles()
    {
        await using var node = new JobNode(Factory, _time);
        var ct = TestContext.Current.CancellationToken;

        await node.Manager.Invoking(m => m.EnqueueAsync(1, [1995], ct)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await node.Manager.Invoking(m => m.EnqueueAsync(1, [], ct)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await node.Manager.Invoking(m => m.EnqueueAsync(999, cancellationToken: ct)).Should().ThrowAsync<KeyNotFoundException>();
        (await JobRows.AllAsync(Factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task TwentyConcurrentEnqueuesOfOneProfileGiveOneJobAndNineteenConflicts()
    {
        await using var node = new JobNode(Factory, _time);
        var ct = TestContext.Current.CancellationToken;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => node.Manager.EnqueueAsync(3, cancellationToken: ct), ct)));

        results.Count(r => !r.Conflict).Should().Be(1);
        results.Count(r => r.Conflict).Should().Be(19);
        results.Select(r => r.Job.Id).Distinct().Should().ContainSingle();
        (await JobRows.AllAsync(Factory)).Should().ContainSingle();
        node.PublishedEvents.OfType<RefreshQueued>().Should().ContainSingle("only the one insert that won is announced");
    }

    [Fact]
    public async Task ANewEnqueueSucceedsOnceTheJobHasCompleted()
    {
        await using var node = new JobNode(Factory, _time);
        await node.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var first = await node.Manager.EnqueueAsync(1, cancellationToken: ct);
        await JobRows.WaitForStateAsync(Factory, first.Job.Id, JobStates.Completed);

        var second = await node.Manager.EnqueueAsync(1, cancellationToken: ct);

        second.Conflict.Should().BeFalse();
        second.Job.Id.Should().NotBe(first.Job.Id);
        await JobRows.WaitForStateAsync(Factory, second.Job.Id, JobStates.Completed);
    }

    [Fact]
    public async Task AnEnqueueRolledBackWithItsTransactionLeavesNoJobAndDoesNotBlockTheKey()
    {
        await using var node = new JobNode(Factory, _time);
        var ct = TestContext.Current.CancellationToken;

        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var inside = await node.Manager.EnqueueAsync(db, 4, cancellationToken: ct);
            inside.Conflict.Should().BeFalse();
            await transaction.RollbackAsync(ct);
        }

        (await JobRows.AllAsync(Factory)).Should().BeEmpty();
        var later = await node.Manager.EnqueueAsync(4, cancellationToken: ct);
        later.Conflict.Should().BeFalse();
        (await JobRows.AllAsync(Factory)).Should().ContainSingle().Which.Id.Should().Be(later.Job.Id);
    }

    [Fact]
    public async Task AConflictInsideACallersTransactionLeavesTheTransactionUsable()
    {
        await using var node = new JobNode(Factory, _time);
        var ct = TestContext.Current.CancellationToken;
        var queued = await node.Manager.EnqueueAsync(4, cancellationToken: ct);

        await using var db = await Factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inside = await node.Manager.EnqueueAsync(db, 4, cancellationToken: ct);
        inside.Conflict.Should().BeTrue();
        inside.Job.Id.Should().Be(queued.Job.Id);

        // PostgreSQL aborts a whole transaction on an error unless it was rolled back to a savepoint.
        var other = await node.Manager.EnqueueAsync(db, 5, cancellationToken: ct);
        await transaction.CommitAsync(ct);
        await node.Manager.SignalQueuedAsync(other.Job, ct);

        (await JobRows.AllAsync(Factory)).Select(j => j.ProfileId).Should().Equal(4, 5);
    }

    [Fact]
    public async Task EnqueueAllQueuesEveryActiveProfile()
    {
        await using var node = new JobNode(Factory, _time);
        var ct = TestContext.Current.CancellationToken;
        await node.Manager.EnqueueAsync(2, cancellationToken: ct);

        var results = await node.Manager.EnqueueAllAsync(ct);

        results.Select(r => r.Job.ProfileId).Should().Equal(1, 2, 3, 4, 5, 6);
        results.Select(r => r.Conflict).Should().Equal(false, true, false, false, false, false);
        (await JobRows.AllAsync(Factory)).Should().HaveCount(6);
    }

    [Fact]
    public async Task CancellingAWaitingJobCancelsItAtOnceAndFreesTheKey()
    {
        await using var node = new JobNode(Factory, _time);
        var ct = TestContext.Current.CancellationToken;
        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: ct);

        var outcome = await node.Manager.CancelAsync(queued.Job.Id, ct);

        outcome.Should().Be(CancelOutcome.Cancelled);
        var job = await JobRows.GetAsync(Factory, queued.Job.Id);
        job.State.Should().Be(JobStates.Cancelled);
        job.CancelledAt.Should().Be(_time.GetUtcNow());
        node.PublishedEvents[^1].Should().BeOfType<RefreshFailed>().Which.State.Should().Be(JobStates.Cancelled);
        (await node.Manager.CancelAsync(queued.Job.Id, ct)).Should().Be(CancelOutcome.AlreadyFinished);
        (await node.Manager.CancelAsync(12345, ct)).Should().Be(CancelOutcome.NotFound);
        (await node.Manager.EnqueueAsync(1, cancellationToken: ct)).Conflict.Should().BeFalse();
    }

    [Fact]
    public async Task RetryOfADiscardedJobQueuesANewJobWithFreshAttemptsAndKeepsTheOldOne()
    {
        await using var node = new JobNode(Factory, _time);
        var ct = TestContext.Current.CancellationToken;
        var discarded = await JobRows.InsertAsync(Factory, JobStates.Discarded, _time.GetUtcNow(), j =>
        {
            j.ProfileId = 2;
            j.UniqueKey = RefreshManager.UniqueKeyFor(2);
            j.Decades = [1970, 1980];
            j.Attempt = 3;
            j.DiscardedAt = _time.GetUtcNow();
            j.Errors = JobErrors.Append([], new JobError(_time.GetUtcNow(), 3, "boom"));
        });

        var retry = await node.Manager.RetryAsync(discarded.Id, ct);

        retry!.Conflict.Should().BeFalse();
        var fresh = await JobRows.GetAsync(Factory, retry.Job.Id);
        fresh.Id.Should().BeGreaterThan(discarded.Id);
        fresh.State.Should().Be(JobStates.Available);
        fresh.Attempt.Should().Be(0);
        fresh.Decades.Should().Equal(1970, 1980);
        fresh.Errors.Should().BeEmpty();
        (await JobRows.GetAsync(Factory, discarded.Id)).State.Should().Be(JobStates.Discarded);

        var again = await node.Manager.RetryAsync(discarded.Id, ct);
        again!.Conflict.Should().BeTrue("the profile already has an unfinished job");
        again.Job.Id.Should().Be(fresh.Id);
        (await node.Manager.RetryAsync(fresh.Id, ct))!.Conflict.Should().BeTrue();
        (await node.Manager.RetryAsync(12345, ct)).Should().BeNull();
    }

    [Fact]
    public async Task StatusQueriesReturnRecentJobsAndTheLatestJobOfEachProfile()
    {
        await using var node = new JobNode(Factory, _time);
        var ct = TestContext.Current.CancellationToken;
        var old = await JobRows.InsertAsync(Factory, JobStates.Completed, _time.GetUtcNow(), j => j.ProfileId = 1);
        var newer = await JobRows.InsertAsync(Factory, JobStates.Discarded, _time.GetUtcNow(), j => j.ProfileId = 1);
        var other = await node.Manager.EnqueueAsync(3, cancellationToken: ct);

        var latest = await node.Manager.GetLatestJobPerProfileAsync(ct);
        var recent = await node.Manager.GetRecentJobsAsync(2, ct);

        latest.Keys.Should().BeEquivalentTo([1, 3]);
        latest[1].Id.Should().Be(newer.Id);
        latest[3].Id.Should().Be(other.Job.Id);
        recent.Select(j => j.Id).Should().Equal(other.Job.Id, newer.Id);
        (await node.Manager.GetJobAsync(old.Id, ct))!.State.Should().Be(JobStates.Completed);
        (await node.Manager.GetJobAsync(12345, ct)).Should().BeNull();
    }
}

public sealed class RefreshManagerTestsOnSqlite() : RefreshManagerTests(DatabaseProvider.Sqlite);

public sealed class RefreshManagerTestsOnPostgres() : RefreshManagerTests(DatabaseProvider.Postgres);
