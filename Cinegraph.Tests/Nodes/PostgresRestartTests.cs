using System.Collections.Concurrent;
using System.Net;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Jobs;
using Npgsql;

using static Cinegraph.Tests.Nodes.NodeRequests;

namespace Cinegraph.Tests.Nodes;

/// <summary>
/// Two app processes on a private PostgreSQL cluster that the test stops and starts again (issue 9, "Bad input and
/// faults"): both nodes reconnect and listen again, the jobs running or waiting across the restart each complete once,
/// and the pages say "unavailable" only while the server is down. The shared server is never touched.
/// </summary>
public sealed class PostgresRestartTests
{
    private const string Unavailable = "data-testid=\"unavailable\"";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BothNodesComeBackAfterPostgresRestartsAndEveryJobAcrossItCompletesOnce()
    {
        await using var cluster = await PostgresCluster.StartAsync(Ct);
        // Quick retries and polls, so the test does not wait out the production back-offs (15 s before a retry); a rescue
        // only if an attempt failed to write its own end for 30 s (the restart takes a few seconds).
        var settings = new Dictionary<string, string>
        {
            ["Jobs:RescueAfter"] = "00:00:30",
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Jobs:RetryBackoff"] = "00:00:01",
            ["Jobs:DatabaseRetryDelay"] = "00:00:00.100",
            ["Jobs:DatabaseRetryMaxDelay"] = "00:00:01",
        };
        await using var nodes = await TwoNodes.StartAsync(settings, settings, cancellationToken: Ct, postgresServer: cluster.ServerConnectionString);
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);
        using var visitorA = await nodes.A.ClientAsync(signIn: false, Ct);
        using var visitorB = await nodes.B.ClientAsync(signIn: false, Ct);
        var slugs = (await JsonAsync(adminA, "/api/profiles")).EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray();
        var heardOnA = new ConcurrentQueue<long>();
        var heardOnB = new ConcurrentQueue<long>();
        await using var hubA = await ListenAsync(nodes.A, heardOnA);
        await using var hubB = await ListenAsync(nodes.B, heardOnB);
        (await PageAsync(visitorA, slugs[0])).Should().NotContain(Unavailable);

        // The cache table takes no writes while this transaction lasts: the first two jobs run (one on each node) and
        // wait at their first write, the third waits in the queue. The restart ends the transaction.
        var blocker = new NpgsqlConnection(nodes.Database.ConnectionString);
        await blocker.OpenAsync(Ct);
        var block = await blocker.BeginTransactionAsync(Ct);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE prediction_cache IN EXCLUSIVE MODE", blocker, block))
        {
            await lockTable.ExecuteNonQueryAsync(Ct);
        }

        var across = new[] { await RefreshAsync(adminA, slugs[0]), await RefreshAsync(adminA, slugs[1]), await RefreshAsync(adminA, slugs[2]) };
        await Eventually.UntilAsync(
            () => JobRows.AllAsync(nodes.Database.Factory), jobs => jobs.Count(j => j.State == JobStates.Executing) == 2, "two jobs to run");

        await cluster.StopAsync(Ct);
        await block.DisposeAsync();
        await blocker.DisposeAsync();

        // Down: neither node is ready, and a page whose rows are not in memory says so.
        foreach (var visitor in new[] { visitorA, visitorB })
        {
            using var ready = await visitor.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await PageAsync(visitor, slugs[3])).Should().Contain(Unavailable, "the server is down and the rows were never read");
        }

        await cluster.RestartAsync(Ct);

        // Back: both nodes ready, both listening again, and the same pages no longer unavailable (no restart of a node).
        foreach (var (node, visitor) in new[] { (nodes.A, visitorA), (nodes.B, visitorB) })
        {
            await Eventually.UntilAsync(() => StatusAsync(visitor, "/health/ready"), s => s == HttpStatusCode.OK, $"{node.Name} to be ready again");
            await Eventually.UntilAsync(() => PageAsync(visitor, slugs[3]), html => !html.Contains(Unavailable, StringComparison.Ordinal), $"{node.Name}'s page to read again");
        }

        await Eventually.UntilAsync(() => ListeningNodesAsync(nodes.Database), names => names.Count == 2, "both nodes to LISTEN again");
        (await ListeningNodesAsync(nodes.Database)).Should().BeEquivalentTo([$"cinegraph-listen {nodes.A.Name}", $"cinegraph-listen {nodes.B.Name}"]);

        var jobs = await Eventually.UntilAsync(
            () => JobRows.AllAsync(nodes.Database.Factory), all => all.All(j => JobStates.IsFinished(j.State)), "the jobs across the restart to finish");
        jobs.Select(j => j.Id).Should().Equal(across);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", jobs.Select(JobRows.Describe)));
        foreach (var job in jobs)
        {
            job.State.Should().Be(JobStates.Completed, nodes.Output);
            // An attempt the restart broke either wrote its own failure once the server was back or, when its retries
            // ran out first (seen under load), was rescued after its heartbeat lapsed; either way it was retried, and none
            // was lost or run twice.
            job.Errors.Should().HaveCount(job.Attempt - 1, nodes.Output);
        }

        using var adminB = await nodes.B.ClientAsync(signIn: true, Ct);
        (await AppNode.CounterSumAsync([adminA, adminB], "cinegraph_jobs_ended_total", "state=\"completed\"", across.Length, Ct))
            .Should().Be(across.Length, "each job completed once, on one node");

        // An event after the restart crosses to the other node's hub clients through the new LISTEN.
        var after = await RefreshAsync(adminA, slugs[3]);
        var ran = await JobRows.WaitForStateAsync(nodes.Database.Factory, after, JobStates.Completed);
        var otherHeard = ran.AttemptedBy == nodes.A.Name ? heardOnB : heardOnA;
        await Eventually.UntilAsync(() => otherHeard.Contains(after), "the other node's hub client to hear the job after the restart");
        foreach (var visitor in new[] { visitorA, visitorB })
        {
            (await PageAsync(visitor, slugs[3])).Should().NotContain(Unavailable);
            (await JsonAsync(visitor, $"/api/predictions?decade=2020&profile={slugs[3]}")).GetProperty("status").GetString().Should().Be("ready");
        }
    }

    /// <summary>The predictions page of a profile as the node serves it (prerendered HTML).</summary>
    private static Task<string> PageAsync(HttpClient visitor, string profile) =>
        visitor.GetStringAsync(new Uri($"/predictions?decade=2020&profile={profile}", UriKind.Relative), Ct);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return response.StatusCode;
    }

    /// <summary>The application names of the connections LISTENing for the nodes on <paramref name="database"/>.</summary>
    private static async Task<List<string>> ListeningNodesAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand(
            "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'cinegraph-listen %'",
            connection);
        var names = new List<string>();
        await using var reader = await query.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
