using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Caching;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// The database pulled from under a refresh while it writes (the SQLite file deleted, the PostgreSQL database turned
/// read-only): the job must not report completion, nor the process die.
/// </summary>
public abstract class StorageFaultTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const int Balanced = 1;

    private static readonly string[] SqliteFileSuffixes = ["", "-wal", "-shm"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AJobWhoseDatabaseFileIsDeletedMidwayFailsAsRetryableInsteadOfCompleting()
    {
        Assert.SkipUnless(Provider == DatabaseProvider.Sqlite, "A SQLite file.");
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = CoreHost.Build(Provider, Database.ConnectionString);
        var services = host.Services;
        var path = new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;
        var events = new List<PredictionEvent>();
        var finished = new TaskCompletionSource<PredictionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = services.GetRequiredService<IPredictionEvents>().Subscribe(e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            // Within the job's own flow: the 1950s row is written, then the file goes (its open connections keep it).
            if (e is DecadeCached { Decade: 1950 })
            {
                foreach (var suffix in SqliteFileSuffixes)
                {
                    File.Delete(path + suffix);
                }
            }

            if (e is RefreshCompleted or RefreshFailed)
            {
                finished.TrySetResult(e);
            }

            return Task.CompletedTask;
        });
        var storage = services.GetRequiredService<DatabaseStorage>();
        await storage.InitializeAsync(Ct);
        await host.StartAsync(Ct);

        var queued = await services.GetRequiredService<RefreshManager>().EnqueueAsync(Balanced, cancellationToken: Ct);
        var outcome = await finished.Task.WaitAsync(Eventually.Timeout, Ct);

        outcome.Should().BeOfType<RefreshFailed>().Which.State.Should().Be(JobStates.Retryable);
        outcome.JobId.Should().Be(queued.Job.Id);
        ((RefreshFailed)outcome).Error.Should().Be("The database file is gone.");
        (await storage.FindProblemAsync(Ct)).Should().NotBeNull("the file is gone, or an empty one was created in its place");

        // The process lives on and still answers from memory or the file it had open.
        await host.StopAsync(Ct);
        lock (events)
        {
            events.Should().NotContain(e => e is RefreshCompleted);
        }

        File.Delete(path + DatabaseStorage.MarkerSuffix);
    }

    [Fact]
    public async Task AJobWhoseDatabaseTurnsReadOnlyMidwayNeverCompletesAndTheWorkerLivesOn()
    {
        Assert.SkipUnless(Provider == DatabaseProvider.Postgres, "A server database.");
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
            await Eventually.UntilAsync(() => events.OfType<DecadeCached>().Any(d => d.Decade == 1950), "the 1950s to be written");
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
        lock (events)
        {
            events.Should().NotContain(e => e is RefreshCompleted);
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

public sealed class StorageFaultTestsOnSqlite() : StorageFaultTests(DatabaseProvider.Sqlite);

public sealed class StorageFaultTestsOnPostgres() : StorageFaultTests(DatabaseProvider.Postgres);
