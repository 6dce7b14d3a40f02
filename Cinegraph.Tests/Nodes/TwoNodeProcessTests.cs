using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Jobs;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

using static Cinegraph.Tests.Nodes.NodeRequests;

namespace Cinegraph.Tests.Nodes;

/// <summary>
/// Two real app processes on one PostgreSQL database, talking to each other only through it (issue 9, item 7): a job
/// runs once whichever node hears of it, an event of one node reaches the other's hub clients and API, a node killed with
/// SIGKILL mid-job has its job rescued by the other, and racing enqueues and claims never run a job twice. Each test has
/// a database of its own (<see cref="TwoNodes"/>).
/// </summary>
public sealed class TwoNodeProcessTests
{
    private const string PredictionsPath = "/api/predictions?decade=2020&profile=balanced";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARefreshQueuedOnNodeARunsExactlyOnceOnOneOfTheNodes()
    {
        TestDatabase.RequirePostgresServer();
        // Both nodes look for due jobs every 100 ms, so node B races node A's own channel for the job.
        var fastPoll = new Dictionary<string, string> { ["Jobs:PollInterval"] = "00:00:00.100" };
        await using var nodes = await TwoNodes.StartAsync(fastPoll, fastPoll, cancellationToken: Ct);
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);
        using var adminB = await nodes.B.ClientAsync(signIn: true, Ct);

        var jobId = await RefreshAsync(adminA, "balanced");
        var job = await JobRows.WaitForStateAsync(nodes.Database.Factory, jobId, JobStates.Completed);

        job.Attempt.Should().Be(1, nodes.Output);
        job.AttemptedBy.Should().BeOneOf(nodes.A.Name, nodes.B.Name);
        (await JobRows.AllAsync(nodes.Database.Factory)).Should().ContainSingle();
        (await AppNode.CounterSumAsync([adminA, adminB], "cinegraph_jobs_ended_total", "state=\"completed\"", 1, Ct)).Should().Be(1, "one attempt ran, on one node");
        var completedOnA = await AppNode.CounterAsync(adminA, "cinegraph_jobs_ended_total", "state=\"completed\"", Ct);
        var completedOnB = await AppNode.CounterAsync(adminB, "cinegraph_jobs_ended_total", "state=\"completed\"", Ct);
        (job.AttemptedBy == nodes.A.Name ? completedOnA : completedOnB).Should().Be(1);
    }

    [Fact]
    public async Task AHubClientOnNodeBHearsARefreshRunOnNodeAAndNodeBServesItsNewPayload()
    {
        TestDatabase.RequirePostgresServer();
        // Node B never polls, so the job can only run on node A (whose channel hears of it): what B knows comes through PostgreSQL.
        var noPoll = new Dictionary<string, string> { ["Jobs:PollInterval"] = "01:00:00" };
        await using var nodes = await TwoNodes.StartAsync(b: noPoll, cancellationToken: Ct);
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);
        using var visitorB = await nodes.B.ClientAsync(signIn: false, Ct);
        (await JsonAsync(visitorB, PredictionsPath)).GetProperty("status").GetString().Should().Be("missing");

        var completed = new TaskCompletionSource<RefreshCompleted>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hubB = new HubConnectionBuilder().WithUrl(new Uri(nodes.B.BaseAddress, "/hubs/predictions")).Build();
        hubB.On<RefreshCompleted>("RefreshCompleted", e => completed.TrySetResult(e));
        await hubB.StartAsync(Ct);

        var jobId = await RefreshAsync(adminA, "balanced");
        var heard = await completed.Task.WaitAsync(Eventually.Timeout, Ct);

        heard.JobId.Should().Be(jobId);
        (await JobRows.GetAsync(nodes.Database.Factory, jobId)).AttemptedBy.Should().Be(nodes.A.Name);
        var onB = await JsonAsync(visitorB, PredictionsPath);
        var onA = await JsonAsync(adminA, PredictionsPath);
        onB.GetProperty("status").GetString().Should().Be("ready", "node B dropped what it held in memory when it heard of the job");
        onB.GetProperty("entries").GetArrayLength().Should().BeGreaterThan(0);
        onB.GetProperty("calculatedAt").GetDateTimeOffset().Should().Be(onA.GetProperty("calculatedAt").GetDateTimeOffset());
        onB.GetProperty("entries").GetRawText().Should().Be(onA.GetProperty("entries").GetRawText());
    }

    [Fact]
    public async Task AJobWhoseNodeIsKilledMidRunIsRescuedAndCompletedByTheOtherNode()
    {
        TestDatabase.RequirePostgresServer();
        await using var nodes = await TwoNodes.StartAsync(cancellationToken: Ct);
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);

        // The cache table takes no writes while this transaction lasts, so the job stops at its first decade, alive and
        // beating, until its node is killed; nothing in the app is changed for the test.
        await using var blocker = new NpgsqlConnection(nodes.Database.ConnectionString);
        await blocker.OpenAsync(Ct);
        var block = await blocker.BeginTransactionAsync(Ct);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE prediction_cache IN EXCLUSIVE MODE", blocker, block))
        {
            await lockTable.ExecuteNonQueryAsync(Ct);
        }

        var jobId = await RefreshAsync(adminA, "balanced");
        var running = await Eventually.UntilAsync(
            () => JobRows.GetAsync(nodes.Database.Factory, jobId), j => j.State == JobStates.Executing && j.ProgressDone >= 1, "the job to run");
        var victim = nodes.Named(running.AttemptedBy);
        var survivor = nodes.Other(victim);

        await victim.KillAsync();
        await block.RollbackAsync(Ct);
        await block.DisposeAsync();
        var job = await Eventually.UntilAsync(
            () => JobRows.GetAsync(nodes.Database.Factory, jobId), j => JobStates.IsFinished(j.State), "the job to finish on the other node");

        job.State.Should().Be(JobStates.Completed, survivor.Output());
        job.Attempt.Should().Be(2);
        job.AttemptedBy.Should().Be(survivor.Name);
        job.Errors.Should().ContainSingle().Which.Message.Should().Contain($"No heartbeat from {victim.Name}");
        using var survivorVisitor = await survivor.ClientAsync(signIn: false, Ct);
        (await JsonAsync(survivorVisitor, PredictionsPath)).GetProperty("status").GetString().Should().Be("ready");
    }

    [Fact]
    public async Task FiveHundredEnqueueRacesAcrossTwoNodesRunNoJobTwice()
    {
        TestDatabase.RequirePostgresServer();
        var settings = new Dictionary<string, string> { ["Jobs:PollInterval"] = "00:00:00.050", ["Auth:RefreshLimit"] = "5000" };
        await using var nodes = await TwoNodes.StartAsync(settings, settings, cancellationToken: Ct);
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);
        using var adminB = await nodes.B.ClientAsync(signIn: true, Ct);
        var slugs = (await JsonAsync(adminA, "/api/profiles")).EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray();

        // Every round asks both nodes at once to refresh the same profile; both nodes also poll for due jobs every 50 ms.
        var answers = new List<long>();
        for (var round = 0; round < 500; round++)
        {
            var profile = slugs[round % slugs.Length];
            answers.AddRange(await Task.WhenAll(RefreshAsync(adminA, profile), RefreshAsync(adminB, profile)));
        }

        var jobs = await Eventually.UntilAsync(
            () => JobRows.AllAsync(nodes.Database.Factory), all => all.All(j => JobStates.IsFinished(j.State)), "every job to finish");

        jobs.Select(j => j.Id).Should().BeEquivalentTo(answers.Distinct(), "every job was named to a caller");
        jobs.Should().OnlyContain(j => j.State == JobStates.Completed && j.Attempt == 1, nodes.Output);
        foreach (var profileJobs in jobs.GroupBy(j => j.ProfileId))
        {
            // A profile's next job ran only after its previous one ended: never two at once, on either node. (Claims are
            // stamped when sent, completions before they are written, so a claim that follows a completion is later.)
            profileJobs.OrderBy(j => j.Id).Zip(profileJobs.OrderBy(j => j.Id).Skip(1))
                .Should().OnlyContain(pair => pair.First.CompletedAt <= pair.Second.AttemptedAt);
        }

        (await AppNode.CounterSumAsync([adminA, adminB], "cinegraph_jobs_ended_total", "state=\"completed\"", jobs.Count, Ct))
            .Should().Be(jobs.Count, "each job ran one attempt, on one node");
    }
}
