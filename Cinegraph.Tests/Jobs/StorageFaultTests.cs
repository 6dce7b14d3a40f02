using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Caching;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// The database pulled from under a refresh while it writes (the SQLite file deleted, the PostgreSQL database turned
/// read-only): the job must not report completion, nor the process die.
/// </summary>
public abstract class StorageFaultTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    protected const int Balanced = 1;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class StorageFaultTestsOnSqlite() : StorageFaultTests(DatabaseProvider.Sqlite)
{
    private static readonly string[] SqliteFileSuffixes = ["", "-wal", "-shm"];

    [Fact]
    public async Task AJobWhoseDatabaseFileIsDeletedMidwayFailsInsteadOfCompleting()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        var path = new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;
        var events = new List<PredictionEvent>();

        // In the job's own flow, as it publishes that the 1950s row is written: the file goes (its open connections keep
        // it). A subscriber would not do: it hears the event later, through its mailbox, and under load that was once
        // after the job had completed, its every row written into the file before it went.
        void OnPublish(PredictionEvent e)
        {
            lock (events)
            {
                events.Add(e);
            }

            if (e is DecadeCached { Decade: 1950 })
            {
                foreach (var suffix in SqliteFileSuffixes)
                {
                    File.Delete(path + suffix);
                }
            }
        }

        using var host = CoreHost.Build(Provider, Database.ConnectionString, configure: services => services.Replace(
            ServiceDescriptor.Singleton<IPredictionEvents>(sp => new PublishHook(ActivatorUtilities.CreateInstance<InProcessPredictionEvents>(sp), OnPublish))));
        var services = host.Services;
        var storage = services.GetRequiredService<DatabaseStorage>();
        await storage.InitializeAsync(Ct);
        await host.StartAsync(Ct);
        var running = services.GetRequiredService<RunningJobs>();

        var queued = await services.GetRequiredService<RefreshManager>().EnqueueAsync(Balanced, cancellationToken: Ct);
        await Eventually.UntilAsync(() => Seen().OfType<DecadeCached>().Any(d => d.Decade == 1950), "the 1950s to be written");
        await Eventually.UntilAsync(() => !running.IsRunning(queued.Job.Id), "the attempt to end");

        // A new pooled connection may have created an empty file at the path meanwhile: gone or replaced, never usable.
        string[] storageProblems = ["The database file is gone.", "The database file was replaced (instance 0, opened as "];
        var problem = await storage.FindProblemAsync(Ct);
        storageProblems.Should().Contain(p => problem != null && problem.StartsWith(p, StringComparison.Ordinal), problem);
        Seen().Should().NotContain(e => e is RefreshCompleted);

        // Its failure (the storage check, or a disk I/O error of a write into the unlinked file) is published when the
        // retryable state could be written through a connection opened before; else the event is left out.
        await Eventually.UntilAsync(() => Seen().OfType<RefreshFailed>().Any(), "the failure to be published");
        Seen().OfType<RefreshFailed>().Should().OnlyContain(f => f.State == JobStates.Retryable);

        // The process lives on.
        services.GetRequiredService<RefreshWorker>().ExecuteTask!.IsCompleted.Should().BeFalse();
        await host.StopAsync(Ct);

        File.Delete(path + DatabaseStorage.MarkerSuffix);

        List<PredictionEvent> Seen()
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }
}

public sealed class StorageFaultTestsOnPostgres() : StorageFaultTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task AJobWhoseDatabaseTurnsReadOnlyMidwayNeverCompletesAndTheWorkerLivesOn()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = CoreHost.Build(Provider, Database.ConnectionString);
        var services = host.Services;
        var events = new List<PredictionEvent>();
        using var subscription = services.GetRequiredService<IPredictionEvents>().Subscribe(async e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            // Within the job's own flow: the 1950s row is written, then the database takes no more writes (a failover
            // to a read-only replica, say).
            if (e is DecadeCached { Decade: 1950 })
            {
                await SetPostgresReadOnlyAsync(true);
            }
        });
        await host.StartAsync(Ct);
        var worker = services.GetRequiredService<RefreshWorker>();
        var running = services.GetRequiredService<RunningJobs>();
        long jobId = 0;
        try
        {
            jobId = (await services.GetRequiredService<RefreshManager>().EnqueueAsync(Balanced, cancellationToken: Ct)).Job.Id;
            await Eventually.UntilAsync(() => Seen().OfType<DecadeCached>().Any(d => d.Decade == 1950), "the 1950s to be written");
            await Eventually.UntilAsync(() => !running.IsRunning(jobId), "the attempt to end");

            var job = await JobRows.GetAsync(Factory, jobId);
            job.State.Should().Be(JobStates.Executing, "its final state could not be written; the rescuer takes it up once writes are back");
            (await services.GetRequiredService<DatabaseStorage>().FindProblemAsync(Ct)).Should().Be("The database does not answer or does not take writes.");
            worker.ExecuteTask!.IsCompleted.Should().BeFalse("the worker lives on");
        }
        finally
        {
            await SetPostgresReadOnlyAsync(false);
        }

        (await services.GetRequiredService<DatabaseStorage>().FindProblemAsync(Ct)).Should().BeNull();
        await host.StopAsync(Ct);
        Seen().Should().NotContain(e => e is RefreshCompleted);

        List<PredictionEvent> Seen()
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    private async Task SetPostgresReadOnlyAsync(bool readOnly)
    {
        var name = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString).Database;
        await using (var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using (var writable = new Npgsql.NpgsqlCommand("SET default_transaction_read_only = off", connection))
            {
                await writable.ExecuteNonQueryAsync(Ct);
            }

            await using var command = new Npgsql.NpgsqlCommand(
                $"ALTER DATABASE \"{name}\" {(readOnly ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only")}", connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        // The setting applies to new sessions: the pooled ones are dropped, as a failover would.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}

/// <summary>Runs <paramref name="onPublish"/> in the publisher's own flow, then publishes as <paramref name="inner"/> does.</summary>
internal sealed class PublishHook(IPredictionEvents inner, Action<PredictionEvent> onPublish) : IPredictionEvents
{
    public int SubscriberCount => inner.SubscriberCount;

    public IDisposable Subscribe(Func<PredictionEvent, Task> handler) => inner.Subscribe(handler);

    public Task PublishAsync(PredictionEvent predictionEvent, CancellationToken cancellationToken = default)
    {
        onPublish(predictionEvent);
        return inner.PublishAsync(predictionEvent, cancellationToken);
    }
}
