using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Npgsql;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// Two nodes on one PostgreSQL database (issue 9, item 2): a job is claimed once, a row being claimed is skipped, not
/// waited for, and the rescuer and pruner run on one node at a time under the maintenance lease.
/// </summary>
public sealed class TwoNodeTestsOnPostgres() : DatabaseTests(DatabaseProvider.Postgres)
{
    private const int Jobs = 500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClaimsEachOfFiveHundredJobsOnceWhenTwoNodesRaceForEveryOne()
    {
        await using var a = new JobNode(Factory, TimeProvider.System, node: "node-a");
        await using var b = new JobNode(Factory, TimeProvider.System, node: "node-b");
        var ids = await InsertJobsAsync();

        var winners = new int[Jobs];
        await Parallel.ForAsync(0, Jobs, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            var claims = await Task.WhenAll(a.Ledger.ClaimAsync(ids[i], ct).AsTask(), b.Ledger.ClaimAsync(ids[i], ct).AsTask());
            winners[i] = claims.Count(c => c is not null);
        });

        winners.Should().OnlyContain(w => w == 1, "exactly one node claims each job");
        var rows = await JobRows.AllAsync(Factory);
        rows.Should().OnlyContain(j => j.State == JobStates.Executing && j.Attempt == 1);
        rows.Select(j => j.AttemptedBy).Distinct().Should().BeEquivalentTo(["node-a", "node-b"], "both nodes won some races");
    }

    [Fact]
    public async Task RunsEachOfFiveHundredJobsOnceWhenBothRunningNodesAreToldOfEveryOne()
    {
        await using var a = new JobNode(Factory, TimeProvider.System, node: "node-a", configure: o => o.Concurrency = 4);
        await using var b = new JobNode(Factory, TimeProvider.System, node: "node-b", configure: o => o.Concurrency = 4);
        await a.StartAsync();
        await b.StartAsync();

        // Each job is enqueued while the workers run, and both nodes' channels get its id: every job is a race.
        for (var i = 0; i < Jobs; i++)
        {
            var job = await JobRows.InsertAsync(Factory, JobStates.Available, DateTimeOffset.UtcNow);
            a.Queue.TryEnqueue(job.Id);
            b.Queue.TryEnqueue(job.Id);
        }

        var rows = await Eventually.UntilAsync(
            () => JobRows.AllAsync(Factory), r => r.Count(j => j.State == JobStates.Completed) == Jobs, "every job to complete");

        var runs = a.Handler.Runs.Concat(b.Handler.Runs).ToList();
        runs.Should().HaveCount(Jobs, "no job ran twice").And.OnlyHaveUniqueItems();
        rows.Should().OnlyContain(j => j.Attempt == 1);
    }

    [Fact]
    public async Task SkipsARowAnotherNodeIsClaimingInsteadOfWaitingForIt()
    {
        await using var node = new JobNode(Factory, TimeProvider.System);
        var job = await JobRows.InsertAsync(Factory, JobStates.Available, DateTimeOffset.UtcNow.AddMinutes(-1));
        await using var other = new NpgsqlConnection(Database.ConnectionString);
        await other.OpenAsync(Ct);
        await using (var transaction = await other.BeginTransactionAsync(Ct))
        {
            await using var lockRow = new NpgsqlCommand("SELECT 1 FROM refresh_jobs WHERE \"Id\" = @id FOR UPDATE", other, transaction);
            lockRow.Parameters.AddWithValue("id", job.Id);
            await lockRow.ExecuteScalarAsync(Ct);

            // A plain conditional UPDATE would wait here until the other transaction ends.
            var skipped = await node.Ledger.ClaimAsync(job.Id, Ct).AsTask().WaitAsync(Eventually.Timeout, Ct);

            skipped.Should().BeNull("the row is locked by another claim");
            await transaction.RollbackAsync(Ct);
        }

        (await node.Ledger.ClaimAsync(job.Id, Ct)).Should().NotBeNull("once the lock is gone the job is claimable");
    }

    [Fact]
    public async Task HoldsTheMaintenanceLeaseOnOneNodeAtATimeAndHandsItOverWhenTheHolderStops()
    {
        await using var a = new JobNode(Factory, TimeProvider.System, node: "node-a");
        await using var b = new JobNode(Factory, TimeProvider.System, node: "node-b");
        await a.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(a.Lease.IsHeld), held => held, "node A to take the lease");
        await b.StartAsync();

        (await b.Lease.TryHoldAsync(Ct)).Should().BeFalse("node A holds the lease");
        (await LeaseHoldersAsync()).Should().Equal(a.Lease.ApplicationName);

        await a.StopAsync();

        await Eventually.UntilAsync(() => Task.FromResult(b.Lease.IsHeld), held => held, "node B to take the lease over");
        a.Lease.IsHeld.Should().BeFalse();
        (await LeaseHoldersAsync()).Should().Equal(b.Lease.ApplicationName);
    }

    [Fact]
    public async Task TheLeaseIsTakenAgainAndTheRescueRunsWhenTheHoldersSessionDies()
    {
        await using var a = new JobNode(Factory, TimeProvider.System, node: "node-a");
        await using var b = new JobNode(Factory, TimeProvider.System, node: "node-b");
        await a.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(a.Lease.IsHeld), held => held, "node A to take the lease");
        await b.StartAsync();
        var orphan = await JobRows.InsertAsync(Factory, JobStates.Executing, DateTimeOffset.UtcNow.AddMinutes(-5), j =>
        {
            j.Attempt = 1;
            j.AttemptedBy = "dead-node";
            j.HeartbeatAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        });

        // Node A's database session ends as if its process had died: PostgreSQL frees the advisory lock with it.
        await using (var admin = new NpgsqlConnection(Database.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name", admin);
            kill.Parameters.AddWithValue("name", a.Lease.ApplicationName);
            (await kill.ExecuteScalarAsync(Ct)).Should().Be(true);
        }

        var rescued = await JobRows.WaitForStateAsync(Factory, orphan.Id, JobStates.Completed);

        rescued.AttemptedBy.Should().BeOneOf("node-a", "node-b");
        rescued.Errors.Should().ContainSingle().Which.Message.Should().Contain("dead-node");
        var holders = await Eventually.UntilAsync(LeaseHoldersAsync, h => h.Count == 1, "one node to hold the lease again");
        holders.Should().ContainSingle().Which.Should().BeOneOf(a.Lease.ApplicationName, b.Lease.ApplicationName);
        // The node whose session died learns it at its next poll (it checks its lease connection before every rescue).
        await Eventually.UntilAsync(
            () => Task.FromResult(new[] { a.Lease.IsHeld, b.Lease.IsHeld }.Count(held => held)), n => n == 1, "exactly one node to think it holds the lease");
    }

    private async Task<long[]> InsertJobsAsync()
    {
        var ids = new long[Jobs];
        for (var i = 0; i < Jobs; i++)
        {
            ids[i] = (await JobRows.InsertAsync(Factory, JobStates.Available, DateTimeOffset.UtcNow.AddMinutes(-1))).Id;
        }

        return ids;
    }

    /// <summary>Application names of the sessions holding the lease's advisory lock on this test's database.</summary>
    private async Task<List<string>> LeaseHoldersAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand(
            """
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = @key::oid
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """,
            connection);
        query.Parameters.AddWithValue("key", (long)MaintenanceLease.LockKey);
        var holders = new List<string>();
        await using var reader = await query.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            holders.Add(reader.GetString(0));
        }

        return holders;
    }
}
