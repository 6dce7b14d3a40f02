using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Jobs;

using static Cinegraph.Tests.Nodes.NodeRequests;

namespace Cinegraph.Tests.Nodes;

/// <summary>
/// Two app processes on one PostgreSQL database with the optional Redis (issue 9, item 5): FusionCache's backplane
/// carries a cache clear on one node to the other's memory at once, and the hub, scaled out through Redis, brings each
/// event to the clients of both nodes exactly once.
/// </summary>
public sealed class RedisNodeTests
{
    private const string PredictionsPath = "/api/predictions?decade=2020&profile=balanced";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AClearOfTheCacheOnNodeAEmptiesWhatNodeBHoldsInMemory()
    {
        TestDatabase.RequirePostgresServer();
        using var redis = await RedisServer.StartAsync(Ct);
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redis.ConnectionString };
        await using var nodes = await TwoNodes.StartAsync(settings, settings, cancellationToken: Ct);
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);
        using var visitorB = await nodes.B.ClientAsync(signIn: false, Ct);
        var job = await RefreshAsync(adminA, "balanced");
        await JobRows.WaitForStateAsync(nodes.Database.Factory, job, JobStates.Completed);
        await Eventually.UntilAsync(() => StatusAsync(visitorB), status => status == "ready", "node B to serve the refreshed rows (now in its memory)");

        using (var clear = await adminA.DeleteAsync(new Uri("/api/cache", UriKind.Relative), Ct))
        {
            clear.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // Without the backplane node B would serve the row from memory until it expired (Cache:L1Duration, 15 minutes).
        var seen = await Eventually.UntilAsync(() => StatusAsync(visitorB), status => status == "missing", "node B to drop the cleared rows");
        seen.Should().Be("missing", nodes.Output);
    }

    [Fact]
    public async Task HubClientsOfBothNodesHearEachEventOnceThroughRedis()
    {
        TestDatabase.RequirePostgresServer();
        using var redis = await RedisServer.StartAsync(Ct);
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redis.ConnectionString };
        // Node B never polls, so the jobs run on node A.
        await using var nodes = await TwoNodes.StartAsync(
            settings, new Dictionary<string, string>(settings) { ["Jobs:PollInterval"] = "01:00:00" }, cancellationToken: Ct);
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);
        var heardOnA = new ConcurrentQueue<long>();
        var heardOnB = new ConcurrentQueue<long>();
        await using var hubA = await ListenAsync(nodes.A, heardOnA);
        await using var hubB = await ListenAsync(nodes.B, heardOnB);

        var first = await RefreshAsync(adminA, "balanced");
        var second = await RefreshAsync(adminA, "award-winner");
        // Each hub connection gets a node's sends in order, so once the second job's completion arrived, any second copy of the first's would have too.
        await Eventually.UntilAsync(() => heardOnA.Contains(second) && heardOnB.Contains(second), "both clients to hear the second job complete");

        heardOnA.Should().Equal([first, second], "each completion once, on node A's client");
        heardOnB.Should().Equal([first, second], "each completion once, on node B's client: sent through Redis by node A only");
        (await redis.CommandAsync("PUBSUB CHANNELS cinegraph*")).Should().Contain("cinegraph", "the hub's messages go through Redis");
        (await JobRows.AllAsync(nodes.Database.Factory)).Should().OnlyContain(j => j.AttemptedBy == nodes.A.Name);
    }

    private static async Task<string?> StatusAsync(HttpClient client)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri(PredictionsPath, UriKind.Relative), Ct));
        return body.RootElement.GetProperty("status").GetString();
    }
}
