using Cinegraph.Core;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cinegraph.Tests.Caching;

/// <summary>
/// The whole refresh as the app wires it (the real container, worker, calculation and cache): a page that found the
/// cache missing gets the results after the job, without computing anything itself.
/// </summary>
public abstract class RefreshPipelineTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const int Balanced = 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IHost> StartHostAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Cinegraph"] = Database.ConnectionString,
            ["Jobs:PollInterval"] = "00:00:01",
        });
        builder.AddCinegraphCore();
        builder.Services.AddRefreshWorker();
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }

    [Fact]
    public async Task QueuedRefreshFillsTheCacheAndPublishesCompletion()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = await StartHostAsync();
        var services = host.Services;
        var cache = services.GetRequiredService<PredictionsCache>();
        var events = new List<PredictionEvent>();
        var completed = new TaskCompletionSource<RefreshCompleted>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = services.GetRequiredService<IPredictionEvents>().Subscribe(e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            if (e is RefreshCompleted done)
            {
                completed.TrySetResult(done);
            }

            return Task.CompletedTask;
        });

        (await cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).Should().BeOfType<CacheRead<CachedPredictions>.Missing>();
        var queued = await services.GetRequiredService<RefreshManager>().EnqueueAsync(Balanced, cancellationToken: Ct);
        var done = await completed.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        done.JobId.Should().Be(queued.Job.Id);
        var job = await services.GetRequiredService<RefreshManager>().GetJobAsync(queued.Job.Id, Ct);
        job!.State.Should().Be(JobStates.Completed);
        job.ProgressDone.Should().Be(job.ProgressTotal);
        job.Attempt.Should().Be(1);

        var read = await cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);
        read.Should().BeOfType<CacheRead<CachedPredictions>.Ready>()
            .Which.Value.Metadata.JobId.Should().Be(queued.Job.Id);
        (await cache.GetValidationAsync(Balanced, Ct)).IsReady.Should().BeTrue();
        (await cache.GetComparisonAsync(Ct)).IsReady.Should().BeTrue();

        List<PredictionEvent> seen;
        lock (events)
        {
            seen = [.. events];
        }

        seen.OfType<DecadeCached>().Select(e => e.Decade).Should().Equal(MoviePredictor.Decades);
        seen.OfType<RefreshProgress>().Select(e => e.Done).Should().BeInAscendingOrder();
        seen[0].Should().BeOfType<RefreshQueued>();
        seen[^1].Should().BeOfType<RefreshCompleted>();
    }

    [Fact]
    public async Task StatusShowsEveryDecadeOfARefreshedProfileAndTheJob()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = await StartHostAsync();
        var services = host.Services;
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = services.GetRequiredService<IPredictionEvents>().Subscribe(e =>
        {
            if (e is RefreshCompleted)
            {
                completed.TrySetResult();
            }

            return Task.CompletedTask;
        });

        await services.GetRequiredService<RefreshManager>().EnqueueAsync(Balanced, cancellationToken: Ct);
        await completed.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var status = await services.GetRequiredService<CacheStatusReader>().GetStatusAsync(Ct);

        var balanced = status.Profiles.Single(p => p.ProfileId == Balanced);
        balanced.Decades.Should().HaveCount(11).And.OnlyContain(d => d.Exists && d.Freshness!.IsStale == false);
        balanced.Validation.Exists.Should().BeTrue();
        balanced.LatestJob!.State.Should().Be(JobStates.Completed);
        status.Profiles.Where(p => p.ProfileId != Balanced).Should().OnlyContain(p => p.Decades.All(d => !d.Exists) && p.LatestJob == null);
    }

    [Fact]
    public async Task ClearingAllRowsBringsBackTheMissingState()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020]);

        var removed = await host.Writer.ClearAllAsync(Ct);

        removed.Should().Be(3);
        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).IsReady.Should().BeFalse();
        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.PredictionCache.CountAsync(Ct)).Should().Be(0);
    }
}

public sealed class RefreshPipelineTestsOnSqlite() : RefreshPipelineTests(DatabaseProvider.Sqlite);

public sealed class RefreshPipelineTestsOnPostgres() : RefreshPipelineTests(DatabaseProvider.Postgres);
