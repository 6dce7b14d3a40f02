using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs.Panel;

/// <summary>The jobs list's reads and bulk actions on a real database: pages newest first, filters, counts per state, history, delete, retry and cancel of several.</summary>
public abstract class JobQueriesTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(At.AddHours(1));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListsNewestFirstInPagesWithTheTotalAndTheCountOfEveryState()
    {
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            var state = (i % 3) switch { 0 => JobStates.Completed, 1 => JobStates.Discarded, _ => JobStates.Cancelled };
            ids.Add((await JobRows.InsertAsync(Factory, state, At.AddMinutes(i))).Id);
        }

        var page = await new JobQueries(Factory).PageAsync(new JobFilter(Page: 2, PageSize: 10), Ct);

        page.Jobs.Select(j => j.Id).Should().Equal(ids.AsEnumerable().Reverse().Skip(10).Take(10));
        page.Total.Should().Be(30);
        page.PageCount.Should().Be(3);
        page.CountsByState.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            [JobStates.Available] = 0,
            [JobStates.Scheduled] = 0,
            [JobStates.Executing] = 0,
            [JobStates.Retryable] = 0,
            [JobStates.Completed] = 10,
            [JobStates.Cancelled] = 10,
            [JobStates.Discarded] = 10,
        });
    }

    [Fact]
    public async Task FiltersByStateProfileAndIdAndCountsStillCoverEveryJob()
    {
        var a = await JobRows.InsertAsync(Factory, JobStates.Discarded, At, j => j.ProfileId = 1);
        await JobRows.InsertAsync(Factory, JobStates.Discarded, At, j => j.ProfileId = 2);
        var c = await JobRows.InsertAsync(Factory, JobStates.Completed, At, j => j.ProfileId = 2);
        var queries = new JobQueries(Factory);

        (await queries.PageAsync(new JobFilter(State: JobStates.Discarded), Ct)).Jobs.Should().HaveCount(2);
        (await queries.PageAsync(new JobFilter(State: JobStates.Discarded, ProfileId: 1), Ct)).Jobs.Should().ContainSingle().Which.Id.Should().Be(a.Id);
        var byId = await queries.PageAsync(new JobFilter(Id: c.Id), Ct);
        byId.Jobs.Should().ContainSingle().Which.State.Should().Be(JobStates.Completed);
        byId.Total.Should().Be(1);
        byId.CountsByState[JobStates.Discarded].Should().Be(2);
        (await queries.PageAsync(new JobFilter(Id: c.Id + 100), Ct)).Jobs.Should().BeEmpty();
    }

    [Fact]
    public async Task RefusesAnUnknownStateAndPagesOutOfRange()
    {
        new JobFilter(State: "running", Page: 0, PageSize: 500).Validate().Should().HaveCount(3);
        new JobFilter(State: JobStates.Retryable).Validate().Should().BeEmpty();
        var read = () => new JobQueries(Factory).PageAsync(new JobFilter(State: "running"), Ct);
        await read.Should().ThrowAsync<ArgumentException>().WithMessage("*state must be one of*");
    }

    [Fact]
    public async Task TheHistoryHasFinishedJobsOldestFirstWithTheirLastAttemptsDuration()
    {
        await JobRows.InsertAsync(Factory, JobStates.Completed, At, j => (j.AttemptedAt, j.CompletedAt) = (At.AddSeconds(10), At.AddSeconds(40)));
        await JobRows.InsertAsync(Factory, JobStates.Discarded, At, j => (j.AttemptedAt, j.DiscardedAt) = (At.AddSeconds(50), At.AddSeconds(55)));
        await JobRows.InsertAsync(Factory, JobStates.Executing, At, j => j.AttemptedAt = At.AddSeconds(60));

        var history = await new JobQueries(Factory).HistoryAsync(10, Ct);

        history.Select(h => (h.State, h.Duration)).Should().Equal(
            (JobStates.Completed, TimeSpan.FromSeconds(30)), (JobStates.Discarded, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task DeletesOnlyTheFinishedJobsAmongThoseSelected()
    {
        await using var node = new JobNode(Factory, _time);
        var done = await JobRows.InsertAsync(Factory, JobStates.Completed, At);
        var failed = await JobRows.InsertAsync(Factory, JobStates.Discarded, At);
        var waiting = await JobRows.InsertAsync(Factory, JobStates.Available, At);

        var outcome = await new JobBulkActions(node.Manager).DeleteAsync([done.Id, failed.Id, waiting.Id, 999], Ct);

        outcome.Should().Be(new BulkOutcome(2, 2));
        (await JobRows.AllAsync(Factory)).Should().ContainSingle().Which.Id.Should().Be(waiting.Id);
    }

    [Fact]
    public async Task RetriesEachSelectedFailedJobOnceAndCancelsTheWaitingOnes()
    {
        await using var node = new JobNode(Factory, _time);
        var one = await JobRows.InsertAsync(Factory, JobStates.Discarded, At, j => (j.ProfileId, j.UniqueKey) = (1, RefreshManager.UniqueKeyFor(1)));
        var two = await JobRows.InsertAsync(Factory, JobStates.Discarded, At, j => (j.ProfileId, j.UniqueKey) = (2, RefreshManager.UniqueKeyFor(2)));
        var sameProfile = await JobRows.InsertAsync(Factory, JobStates.Cancelled, At, j => (j.ProfileId, j.UniqueKey) = (1, RefreshManager.UniqueKeyFor(1)));
        var bulk = new JobBulkActions(node.Manager);

        var retried = await bulk.RetryAsync([one.Id, two.Id, sameProfile.Id], Ct);

        retried.Should().Be(new BulkOutcome(2, 1));
        var queued = (await JobRows.AllAsync(Factory)).Where(j => j.State == JobStates.Available).ToList();
        queued.Select(j => j.ProfileId).Should().BeEquivalentTo([1, 2]);

        var cancelled = await bulk.CancelAsync([.. queued.Select(j => j.Id), one.Id], Ct);

        cancelled.Should().Be(new BulkOutcome(2, 1));
        (await JobRows.AllAsync(Factory)).Should().NotContain(j => j.State == JobStates.Available);
    }
}

public sealed class JobQueriesTestsOnSqlite() : JobQueriesTests(DatabaseProvider.Sqlite);

public sealed class JobQueriesTestsOnPostgres() : JobQueriesTests(DatabaseProvider.Postgres);
