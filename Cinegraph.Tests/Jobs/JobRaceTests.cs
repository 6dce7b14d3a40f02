using System.Data.Common;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Caching;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// Races between a job and the admin's other buttons, each forced at a known step (no timing): a retry whose key
/// conflicts with a job that finishes before it is read, a clear of the cache while a job writes, a profile deleted
/// under its queued job.
/// </summary>
public abstract class JobRaceTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const int Balanced = 1;
    private const int CultClassic = 5;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FinishesConflictingJob _finisher = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureContext(DbContextOptionsBuilder builder) => builder.AddInterceptors(_finisher);

    [Fact]
    public async Task RetryQueuesAgainWhenTheConflictingJobFinishesBeforeItIsRead()
    {
        await using var node = new JobNode(Factory, _time);
        var first = await node.Manager.EnqueueAsync(Balanced, cancellationToken: Ct);
        (await node.Manager.CancelAsync(first.Job.Id, Ct)).Should().Be(CancelOutcome.Cancelled);
        var blocking = await node.Manager.EnqueueAsync(Balanced, cancellationToken: Ct);

        // The retry's insert conflicts with the blocking job; it is cancelled before the retry reads it (a storm of clicks).
        _finisher.Arm(() => node.Manager.CancelAsync(blocking.Job.Id, Ct));
        var retried = await node.Manager.RetryAsync(first.Job.Id, Ct);

        _finisher.Fired.Should().BeTrue();
        retried!.Conflict.Should().BeFalse();
        retried.Job.Id.Should().NotBe(blocking.Job.Id).And.NotBe(first.Job.Id);
        (await JobRows.GetAsync(Factory, retried.Job.Id)).State.Should().Be(JobStates.Available);
        (await JobRows.GetAsync(Factory, blocking.Job.Id)).State.Should().Be(JobStates.Cancelled);
    }

    [Fact]
    public async Task ClearingTheCacheWhileAJobWritesLeavesEveryRowTheCompletedJobReports()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        var cleared = 0;

        // Within the job's own flow (its progress report after the 1950s row, before the 1960s): clear the whole cache.
        // Events no longer run in the job's flow (each subscriber has its own mailbox), so the hook is the job's progress.
        using var host = CoreHost.Build(Provider, Database.ConnectionString, configure: services => services.AddSingleton<IRefreshJobHandler>(sp =>
            new ClearingAfter1950s(ActivatorUtilities.CreateInstance<RefreshCalculation>(sp), sp.GetRequiredService<PredictionCacheWriter>(), () => Interlocked.Exchange(ref cleared, 1) == 0)));
        var services = host.Services;
        var completed = new TaskCompletionSource<RefreshCompleted>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = services.GetRequiredService<IPredictionEvents>().Subscribe(e =>
        {
            if (e is RefreshCompleted done)
            {
                completed.TrySetResult(done);
            }

            return Task.CompletedTask;
        });
        await host.StartAsync(Ct);

        var queued = await services.GetRequiredService<RefreshManager>().EnqueueAsync(Balanced, cancellationToken: Ct);
        await completed.Task.WaitAsync(Eventually.Timeout, Ct);

        cleared.Should().Be(1);
        var job = await JobRows.GetAsync(Factory, queued.Job.Id);
        job.State.Should().Be(JobStates.Completed);
        job.ProgressNote.Should().Contain("rewrote").And.Contain("1920").And.Contain("1950").And.NotContain("1960");
        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.PredictionCache.Where(r => r.ProfileId == Balanced).Select(r => r.Decade).ToListAsync(Ct))
            .Should().BeEquivalentTo(MoviePredictor.Decades);
        (await db.ValidationCache.CountAsync(r => r.ProfileId == Balanced, Ct)).Should().Be(1);
        (await db.ComparisonCache.CountAsync(Ct)).Should().Be(1);
        (await services.GetRequiredService<PredictionsCache>().GetPredictionsAsync(1920, Balanced, cancellationToken: Ct)).IsReady.Should().BeTrue();
    }

    [Fact]
    public async Task AJobWhoseProfileWasDeletedIsCancelledWithTheReasonNotRetried()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = BuildHost();
        var services = host.Services;
        var queued = await services.GetRequiredService<RefreshManager>().EnqueueAsync(CultClassic, cancellationToken: Ct);
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            (await db.Profiles.Where(p => p.Id == CultClassic).ExecuteDeleteAsync(Ct)).Should().Be(1);
        }

        var failed = new TaskCompletionSource<RefreshFailed>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = services.GetRequiredService<IPredictionEvents>().Subscribe(e =>
        {
            if (e is RefreshFailed f)
            {
                failed.TrySetResult(f);
            }

            return Task.CompletedTask;
        });
        await host.StartAsync(Ct);
        var notice = await failed.Task.WaitAsync(Eventually.Timeout, Ct);

        notice.State.Should().Be(JobStates.Cancelled);
        notice.Error.Should().Contain("was deleted");
        var job = await JobRows.WaitForStateAsync(Factory, queued.Job.Id, JobStates.Cancelled);
        job.Attempt.Should().Be(1);
        job.ProgressNote.Should().Contain("was deleted");
        job.Errors.Should().BeEmpty();
        await host.StopAsync(Ct);
    }

    private IHost BuildHost() => CoreHost.Build(Provider, Database.ConnectionString);

    private sealed class ClearingAfter1950s(IRefreshJobHandler inner, PredictionCacheWriter writer, Func<bool> first) : IRefreshJobHandler
    {
        public Task ExecuteAsync(RefreshJob job, IJobProgress progress, CancellationToken cancellationToken) =>
            inner.ExecuteAsync(job, new Clearing(progress, writer, first), cancellationToken);

        private sealed class Clearing(IJobProgress inner, PredictionCacheWriter writer, Func<bool> first) : IJobProgress
        {
            public async Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken)
            {
                await inner.ReportAsync(done, total, note, cancellationToken);
                if (note?.Contains("1950", StringComparison.Ordinal) == true && first())
                {
                    (await writer.ClearAllAsync(cancellationToken)).Should().BeGreaterThan(0);
                }
            }
        }
    }

    /// <summary>
    /// After a failed command (the unique-key conflict of an insert), runs an action before the next read of
    /// <c>refresh_jobs</c>: the conflicting job finishes between the insert and the read.
    /// </summary>
    private sealed class FinishesConflictingJob : DbCommandInterceptor
    {
        private Func<Task>? _action;
        private bool _failed;

        public bool Fired { get; private set; }

        public void Arm(Func<Task> action) => _action = action;

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            _failed |= _action is not null;
            return Task.CompletedTask;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_failed && _action is { } action && command.CommandText.Contains("refresh_jobs", StringComparison.Ordinal))
            {
                _action = null;
                Fired = true;
                await action();
            }

            return result;
        }
    }
}

public sealed class JobRaceTestsOnSqlite() : JobRaceTests(DatabaseProvider.Sqlite);

public sealed class JobRaceTestsOnPostgres() : JobRaceTests(DatabaseProvider.Postgres);
