using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// The database fails while the worker writes a job's final state (anchors §4 row 7, after Oban's backoff_test
/// "retrying known database connection errors"): the job is not lost, not failed, and the host keeps running. Real
/// clock with millisecond retry delays, since the retries wait on it.
/// </summary>
public abstract class DatabaseOutageTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private readonly FaultInjectingInterceptor _faults = new();

    protected override void ConfigureContext(DbContextOptionsBuilder builder) => builder.AddInterceptors(_faults);

    // These nodes run on the real clock: no job is rescued here, so a stall of a loaded machine must not make one look dead.
    private static void NoRescue(JobOptions options) => options.RescueAfter = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task AJobWhoseCompletionWriteFailsRepeatedlyEndsCompletedOnceTheDatabaseIsBack()
    {
        var handler = new TestJobHandler();
        await using var node = new JobNode(Factory, TimeProvider.System, handler, o =>
        {
            NoRescue(o);
            o.DatabaseRetryDelay = TimeSpan.FromMilliseconds(5);
            o.DatabaseRetryMaxDelay = TimeSpan.FromMilliseconds(40);
        });
        _faults.FailNext(8, IsCompletionWrite);
        await node.StartAsync();

        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: TestContext.Current.CancellationToken);
        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Completed);

        _faults.Injected.Should().Be(8, "eight completion writes failed before one got through (more than the transient pipeline's retries)");
        job.Attempt.Should().Be(1);
        job.Errors.Should().BeEmpty("a failed write of the result is not a failure of the job");
        handler.Calls.Should().Be(1);
        await Eventually.UntilAsync(() => node.PublishedEvents.OfType<RefreshCompleted>().Any(), "RefreshCompleted");

        node.Worker.ExecuteTask!.IsCompleted.Should().BeFalse("the worker is still running");
        var next = await node.Manager.EnqueueAsync(2, cancellationToken: TestContext.Current.CancellationToken);
        await JobRows.WaitForStateAsync(Factory, next.Job.Id, JobStates.Completed);
    }

    [Fact]
    public async Task AnOutageDuringTheFailureWriteStillRecordsTheErrorAndTheRetry()
    {
        var handler = new TestJobHandler { Body = (_, _, _) => throw new InvalidOperationException("boom") };
        await using var node = new JobNode(Factory, TimeProvider.System, handler, o =>
        {
            NoRescue(o);
            o.RetryBackoff = TimeSpan.FromHours(1);
        });
        _faults.FailNext(6, c => c.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) && c.CommandText.Contains("\"Errors\" =", StringComparison.Ordinal));
        await node.StartAsync();

        var queued = await node.Manager.EnqueueAsync(1, cancellationToken: TestContext.Current.CancellationToken);
        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Retryable);

        _faults.Injected.Should().Be(6);
        job.Errors.Should().ContainSingle().Which.Message.Should().Contain("boom");
        handler.Calls.Should().Be(1);
    }

    [Fact]
    public async Task AnOutageDuringTheStartupPollIsLoggedAndTheNextPollQueuesTheJob()
    {
        await using (var before = new JobNode(Factory, TimeProvider.System))
        {
            await before.Manager.EnqueueAsync(1, cancellationToken: TestContext.Current.CancellationToken);
        }

        var handler = new TestJobHandler();
        await using var node = new JobNode(Factory, TimeProvider.System, handler, o =>
        {
            NoRescue(o);
            o.PollInterval = TimeSpan.FromMilliseconds(50);
        });
        _faults.FailNext(3, c => c.CommandText.Contains("SELECT", StringComparison.OrdinalIgnoreCase) && c.CommandText.Contains("refresh_jobs", StringComparison.Ordinal));
        await node.StartAsync();

        await Eventually.UntilAsync(() => handler.Calls == 1, "the job to run after the outage");
        _faults.Injected.Should().Be(3);
        node.Worker.ExecuteTask!.IsCompleted.Should().BeFalse();
    }

    private static bool IsCompletionWrite(System.Data.Common.DbCommand command) =>
        command.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase)
        && command.CommandText.Contains("\"CompletedAt\" =", StringComparison.Ordinal);
}

public sealed class DatabaseOutageTestsOnSqlite() : DatabaseOutageTests(DatabaseProvider.Sqlite);

public sealed class DatabaseOutageTestsOnPostgres() : DatabaseOutageTests(DatabaseProvider.Postgres);
