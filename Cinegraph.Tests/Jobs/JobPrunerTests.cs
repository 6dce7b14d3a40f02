using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs;

/// <summary>Pruning of old finished jobs (anchors §4 row 12, after Oban's pruner_test).</summary>
public abstract class JobPrunerTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task DeletesOldFinishedJobsAndKeepsRecentAndUnfinishedOnes()
    {
        await using var node = new JobNode(Factory, _time);
        var now = _time.GetUtcNow();
        var old = now - TimeSpan.FromDays(8);
        var recent = now - TimeSpan.FromDays(6);
        var oldCompleted = await JobRows.InsertAsync(Factory, JobStates.Completed, old, j => j.CompletedAt = old);
        var oldCancelled = await JobRows.InsertAsync(Factory, JobStates.Cancelled, old, j => j.CancelledAt = old);
        var oldDiscarded = await JobRows.InsertAsync(Factory, JobStates.Discarded, old, j => j.DiscardedAt = old);
        var recentCompleted = await JobRows.InsertAsync(Factory, JobStates.Completed, old, j => j.CompletedAt = recent);
        var oldAvailable = await JobRows.InsertAsync(Factory, JobStates.Available, old);
        var oldExecuting = await JobRows.InsertAsync(Factory, JobStates.Executing, old, j => j.HeartbeatAt = old);
        var oldRetryable = await JobRows.InsertAsync(Factory, JobStates.Retryable, old);

        var pruned = await node.Pruner.PruneAsync(TestContext.Current.CancellationToken);

        pruned.Should().Be(3);
        (await JobRows.AllAsync(Factory)).Select(j => j.Id)
            .Should().Equal(recentCompleted.Id, oldAvailable.Id, oldExecuting.Id, oldRetryable.Id);
        new[] { oldCompleted.Id, oldCancelled.Id, oldDiscarded.Id }.Should().NotIntersectWith((await JobRows.AllAsync(Factory)).Select(j => j.Id));
    }

    [Fact]
    public async Task DeletesAtMostOneBatchPerStatement()
    {
        await using var node = new JobNode(Factory, _time, configure: o => o.PruneBatchSize = 2);
        var old = _time.GetUtcNow() - TimeSpan.FromDays(30);
        for (var i = 0; i < 5; i++)
        {
            await JobRows.InsertAsync(Factory, JobStates.Completed, old, j => j.CompletedAt = old);
        }

        var cutoff = _time.GetUtcNow() - node.Options.PruneAfter;
        (await node.Pruner.PruneBatchAsync(cutoff, TestContext.Current.CancellationToken)).Should().Be(2);
        (await JobRows.AllAsync(Factory)).Should().HaveCount(3);

        (await node.Pruner.PruneAsync(TestContext.Current.CancellationToken)).Should().Be(3);
        (await JobRows.AllAsync(Factory)).Should().BeEmpty();
    }
}

public sealed class JobPrunerTestsOnSqlite() : JobPrunerTests(DatabaseProvider.Sqlite);

public sealed class JobPrunerTestsOnPostgres() : JobPrunerTests(DatabaseProvider.Postgres);
