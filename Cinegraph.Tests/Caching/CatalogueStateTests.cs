using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Tests.Caching;

/// <summary>
/// The catalogue state in memory: an import by another process (nothing in this process is told) is seen by the next
/// periodic check, which is one statement; a row in L1 is judged at read time against the state, so it turns stale
/// (or, from another catalogue, missing) without leaving L1; job events update the latest job (progress in memory)
/// before the listeners hear of them.
/// </summary>
public abstract class CatalogueStateTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const int Balanced = 1;
    private readonly CountingCommandInterceptor _commands = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureContext(DbContextOptionsBuilder builder) => builder.AddInterceptors(_commands);

    [Fact]
    public async Task AnImportByAnotherProcessMarksTheRowInMemoryStaleAfterOneCheckOfOneStatement()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);
        var before = (CacheRead<CachedPredictions>.Ready)await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);
        before.Value.Freshness.IsStale.Should().BeFalse();

        // Another process (the CLI) imports the same films with one changed rating; nothing here is told.
        var demo = DemoCatalogue.Generate(400, 1001);
        var changed = demo with { Movies = [demo.Movies[0] with { ImdbRating = demo.Movies[0].ImdbRating is 5.0 ? 6.0 : 5.0 }, .. demo.Movies.Skip(1)] };
        await new CatalogImporter(Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance)
            .ImportAsync(changed, DemoCatalogue.Source, isDemo: true, cancellationToken: Ct);
        var unseen = (CacheRead<CachedPredictions>.Ready)await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);
        unseen.Value.Freshness.IsStale.Should().BeFalse(because: "until the check, memory holds the old data version");

        _commands.Reset();
        (await host.State.CheckAsync(Ct)).Should().BeTrue();
        _commands.Count.Should().Be(1, because: "the periodic check is one statement");
        var after = (CacheRead<CachedPredictions>.Ready)await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);

        after.Value.Freshness.Reasons.Should().ContainSingle().Which.Should().Contain("data changed (version 1 → 2)");
        _commands.Commands.Should().NotContain(c => c.Contains("prediction_cache", StringComparison.OrdinalIgnoreCase), because: "the row stayed in L1; only its judgement changed");
        _commands.Reset();
        (await host.State.CheckAsync(Ct)).Should().BeFalse();
        _commands.Count.Should().Be(1);
    }

    [Fact]
    public async Task ARowInMemoryFromAnEarlierCatalogueReadsAsMissingOnceTheCheckSeesTheNewOne()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);
        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).IsReady.Should().BeTrue();

        // Another catalogue (other films) imported by another process: its rows are deleted, and the one in L1 must not be served.
        await new CatalogImporter(Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance)
            .ImportAsync(DemoCatalogue.Generate(400, 7), DemoCatalogue.Source, isDemo: true, cancellationToken: Ct);
        await host.State.CheckAsync(Ct);

        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).Should().BeOfType<CacheRead<CachedPredictions>.Missing>();
    }

    [Fact]
    public async Task JobEventsUpdateTheLatestJobAndListenersHearOfThemAfterward()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        var options = Microsoft.Extensions.Options.Options.Create(new JobOptions());
        var refresh = new RefreshManager(Factory, new RefreshQueue(options), new RunningJobs(), host.Events, TimeProvider.System, options, NullLogger<RefreshManager>.Instance);
        (await host.State.GetAsync(Ct)).LatestJob(Balanced).Should().BeNull();
        var seenQueued = new TaskCompletionSource<JobSummary?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = host.State.Subscribe(async change =>
        {
            if (change.Event is RefreshQueued)
            {
                seenQueued.TrySetResult((await host.State.GetAsync(Ct)).LatestJob(Balanced));
            }
        });

        var job = (await refresh.EnqueueAsync(Balanced, cancellationToken: Ct)).Job;
        var shown = await seenQueued.Task.WaitAsync(Eventually.Timeout, Ct);

        shown!.Id.Should().Be(job.Id, because: "the listener hears of the event after the state applied it");
        _commands.Reset();
        await host.Events.PublishAsync(new RefreshProgress(job.Id, Balanced, 3, 14, "1950s"), Ct);
        var progressed = await Eventually.UntilAsync(() => host.State.GetAsync(Ct), s => s.LatestJob(Balanced)?.ProgressDone == 3, "the progress applied");
        progressed.LatestJob(Balanced)!.State.Should().Be(JobStates.Executing);
        _commands.Count.Should().Be(0, because: "progress of the job shown is applied in memory");
    }
}

public sealed class CatalogueStateTestsOnSqlite() : CatalogueStateTests(DatabaseProvider.Sqlite);

public sealed class CatalogueStateTestsOnPostgres() : CatalogueStateTests(DatabaseProvider.Postgres);
