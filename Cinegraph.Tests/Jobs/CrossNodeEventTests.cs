using System.Collections.Concurrent;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Caching;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// Events cross nodes by PostgreSQL LISTEN/NOTIFY (issue 9, item 3): two hosts (two service providers) in this process
/// on one database.
/// </summary>
public sealed class CrossNodeEventTestsOnPostgres() : DatabaseTests(DatabaseProvider.Postgres)
{
    private const int Balanced = 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AJobFinishingOnOneNodeReachesTheOtherNodesSubscribersAndFreshensItsCache()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var a = CoreHost.Build(Provider, Database.ConnectionString, "node-a");
        using var b = CoreHost.Build(Provider, Database.ConnectionString, "node-b");
        var seenOnA = Record(a);
        var seenOnB = Record(b);
        await a.StartAsync(Ct);
        await b.StartAsync(Ct);
        await WaitListeningAsync(a);
        await WaitListeningAsync(b);
        var cacheOnA = a.Services.GetRequiredService<PredictionsCache>();
        (await cacheOnA.GetPredictionsAsync(1990, Balanced, cancellationToken: Ct)).IsReady.Should().BeFalse("nothing is computed yet");

        var queued = await b.Services.GetRequiredService<RefreshManager>().EnqueueAsync(Balanced, cancellationToken: Ct);

        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Completed);
        var (runner, other) = job.AttemptedBy == "node-a" ? (seenOnA, seenOnB) : (seenOnB, seenOnA);
        await Eventually.UntilAsync(
            () => Task.FromResult(runner.ToArray()), seen => seen.Any(e => e is RefreshCompleted && e.JobId == job.Id), "the running node to publish the completion");
        var relayed = await Eventually.UntilAsync(
            () => Task.FromResult(other.ToArray()), seen => seen.Any(e => e is RefreshCompleted && e.JobId == job.Id), "the other node to hear of the completion");
        var completed = relayed.OfType<RefreshCompleted>().Should().ContainSingle(e => e.JobId == job.Id, "an event is relayed once, never echoed back").Subject;
        completed.ProfileId.Should().Be(Balanced);
        completed.CompletedAt.Should().BeCloseTo(job.CompletedAt!.Value, TimeSpan.FromMilliseconds(1), "the row keeps microseconds");
        relayed.OfType<DecadeCached>().Should().Contain(e => e.JobId == job.Id && e.Decade == 1990);
        (await cacheOnA.GetPredictionsAsync(1990, Balanced, cancellationToken: Ct)).IsReady.Should().BeTrue("node A dropped its stale L1 entry");

        await a.StopAsync(Ct);
        await b.StopAsync(Ct);
    }

    [Fact]
    public async Task ReconnectsAndListensAgainWhenItsConnectionIsKilledThenResyncsTheLedger()
    {
        using var a = CoreHost.Build(Provider, Database.ConnectionString, "node-a");
        using var b = CoreHost.Build(Provider, Database.ConnectionString, "node-b");
        var seenOnA = Record(a);
        await a.StartAsync(Ct);
        await b.StartAsync(Ct);
        var relay = await WaitListeningAsync(a);
        await WaitListeningAsync(b);

        // A job finished while node A could not hear: it is found again by the resync after the reconnect.
        var missed = await JobRows.InsertAsync(Factory, JobStates.Completed, DateTimeOffset.UtcNow, j => j.CompletedAt = DateTimeOffset.UtcNow);
        await using (var admin = new NpgsqlConnection(Database.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name", admin);
            kill.Parameters.AddWithValue("name", relay.ApplicationName);
            (await kill.ExecuteScalarAsync(Ct)).Should().Be(true);
        }

        await Eventually.UntilAsync(() => Task.FromResult((relay.Connections, relay.IsListening)), s => s.Connections == 2 && s.IsListening, "node A to listen again");
        await Eventually.UntilAsync(
            () => Task.FromResult(seenOnA.ToArray()), seen => seen.Any(e => e is RefreshCompleted && e.JobId == missed.Id), "the resync to republish the missed job");

        await b.Services.GetRequiredService<IPredictionEvents>().PublishAsync(new RefreshQueued(987654, Balanced), Ct);
        await Eventually.UntilAsync(
            () => Task.FromResult(seenOnA.ToArray()), seen => seen.Any(e => e is RefreshQueued { JobId: 987654 }), "node A to hear node B after the reconnect");

        await a.StopAsync(Ct);
        await b.StopAsync(Ct);
    }

    private static ConcurrentQueue<PredictionEvent> Record(IHost host)
    {
        var seen = new ConcurrentQueue<PredictionEvent>();
        host.Services.GetRequiredService<IPredictionEvents>().Subscribe(e =>
        {
            seen.Enqueue(e);
            return Task.CompletedTask;
        });
        return seen;
    }

    private static async Task<PostgresEventRelay> WaitListeningAsync(IHost host)
    {
        var relay = host.Services.GetRequiredService<PostgresEventRelay>();
        await Eventually.UntilAsync(() => Task.FromResult(relay.IsListening), listening => listening, "the relay to listen");
        return relay;
    }
}
