using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Caching;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Jobs;

/// <summary>The SQLite file deleted while a refresh writes into it: the job must not report completion, nor the process die.</summary>
public sealed class StorageFaultTests() : DatabaseTests(DatabaseProvider.Sqlite)
{
    private const int Balanced = 1;

    private static readonly string[] SqliteFileSuffixes = ["", "-wal", "-shm"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AJobWhoseDatabaseFileIsDeletedMidwayFailsAsRetryableInsteadOfCompleting()
    {
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
}
