using System.Reflection;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Tests.Caching;

public abstract class PredictionsCacheTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const int Balanced = 1;
    private readonly CountingCommandInterceptor _commands = new();
    private readonly FailingCommandInterceptor _failures = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureContext(DbContextOptionsBuilder builder) => builder.AddInterceptors(_commands, _failures);

    [Fact]
    public async Task ReturnsMissingWhenNoRowExists()
    {
        using var host = new CacheTestHost(Factory);

        var read = await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);

        read.Should().BeOfType<CacheRead<CachedPredictions>.Missing>();
        (await host.Cache.GetValidationAsync(Balanced, Ct)).Should().BeOfType<CacheRead<CachedProfileValidation>.Missing>();
        (await host.Cache.GetComparisonAsync(Ct)).Should().BeOfType<CacheRead<CachedComparison>.Missing>();
    }

    [Fact]
    public async Task UnreadableRowIsTreatedAsMissing()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            var row = await db.PredictionCache.SingleAsync(Ct);
            row.MovieScores = "[{\"rank\":1,\"breakdown\":[{\"category\":\"popular_opinion\"}]}]";
            await db.SaveChangesAsync(Ct);
        }

        await host.Cache.InvalidateAllAsync(Ct);
        var read = await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);

        read.Should().BeOfType<CacheRead<CachedPredictions>.Missing>();
    }

    [Fact]
    public async Task RefreshWritesOneRowPerDecadeAndTheValidationAndComparisonRows()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);

        var progress = await host.RefreshAsync(Balanced);

        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.PredictionCache.Where(r => r.ProfileId == Balanced).Select(r => r.Decade).OrderBy(d => d).ToListAsync(Ct))
            .Should().Equal(MoviePredictor.Decades);
        (await db.ValidationCache.CountAsync(Ct)).Should().Be(1);
        (await db.ComparisonCache.CountAsync(Ct)).Should().Be(1);
        progress.Select(p => p.Done).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        progress[^1].Done.Should().Be(progress[^1].Total);
    }

    [Fact]
    public async Task CachedPredictionsStayInRangeAndMatchTheScorer()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);

        var read = await host.Cache.GetPredictionsAsync(2020, Balanced, limit: 1000, Ct);

        var cached = read.Should().BeOfType<CacheRead<CachedPredictions>.Ready>().Subject.Value;
        var live = new MoviePredictor(await new FeatureSnapshotLoader(Factory).LoadAsync(Ct)).PredictDecade(2020, ScoringProfile.Custom(CategoryWeights.Balanced));
        cached.Entries.Select(e => (e.ImdbId, e.TotalScore, e.Likelihood)).Should().Equal(live.Entries.Select(e => (e.ImdbId, e.TotalScore, e.Likelihood)));
        cached.Entries.Should().OnlyContain(e => e.TotalScore >= 0 && e.TotalScore <= 100 && e.Likelihood >= 0 && e.Likelihood <= 100);
        cached.Statistics.Count.Should().Be(cached.Entries.Count);
        cached.Metadata.TotalCandidates.Should().Be(live.TotalCandidates);
        cached.Freshness.IsStale.Should().BeFalse();
    }

    [Fact]
    public async Task LimitSlicesTheCachedEntries()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2000], includeValidation: false);

        var top10 = await host.Cache.GetPredictionsAsync(2000, Balanced, limit: 10, Ct);
        var all = await host.Cache.GetPredictionsAsync(2000, Balanced, limit: 1000, Ct);

        ((CacheRead<CachedPredictions>.Ready)top10).Value.Entries.Should().HaveCount(10);
        ((CacheRead<CachedPredictions>.Ready)all).Value.Entries.Count.Should().BeGreaterThan(10);
    }

    [Fact]
    public async Task L1HitRunsNoSqlAndL1MissWithARowRunsExactlyOne()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);
        await host.Cache.InvalidateAllAsync(Ct);
        await host.State.GetAsync(Ct);

        _commands.Reset();
        var miss = await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);
        var afterMiss = _commands.Count;
        var hit = await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);

        miss.IsReady.Should().BeTrue();
        hit.IsReady.Should().BeTrue();
        afterMiss.Should().Be(1, because: "an L1 miss with a row is one SELECT");
        _commands.Count.Should().Be(1, because: "an L1 hit runs no SQL");
    }

    [Fact]
    public void ReadPathHasNoWayToScore()
    {
        var dependencies = typeof(PredictionsCache).GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType).ToList();

        dependencies.Should().NotContain(t => t.Namespace == typeof(MoviePredictor).Namespace, because: "the read path never computes predictions");
        typeof(PredictionsCache).GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .SelectMany(m => m.GetParameters()).Select(p => p.ParameterType)
            .Should().NotContain([typeof(FeatureSnapshot), typeof(MoviePredictor), typeof(FeatureSnapshotLoader)]);
    }

    [Fact]
    public async Task HundredConcurrentColdReadsRunOneQuery()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [1990], includeValidation: false);
        await host.Cache.InvalidateAllAsync(Ct);
        await host.State.GetAsync(Ct);
        _commands.Reset();

        var reads = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => host.Cache.GetPredictionsAsync(1990, Balanced, cancellationToken: Ct), Ct)));

        reads.Should().OnlyContain(r => r.IsReady);
        _commands.Count.Should().Be(1);
    }

    [Fact]
    public async Task MissingRowIsRememberedOnlyBriefly()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory, new CacheOptions { MissingDuration = TimeSpan.FromMilliseconds(1) });

        (await host.Cache.GetPredictionsAsync(1980, Balanced, cancellationToken: Ct)).IsReady.Should().BeFalse();
        await host.RefreshAsync(Balanced, [1980], includeValidation: false);

        (await host.Cache.GetPredictionsAsync(1980, Balanced, cancellationToken: Ct)).IsReady.Should().BeTrue();
    }

    [Fact]
    public async Task ServesTheLastValueWhileTheDatabaseIsDown()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory, new CacheOptions { FailSafeThrottleDuration = TimeSpan.FromSeconds(30) });
        await host.RefreshAsync(Balanced, [1970], includeValidation: false);
        var warm = await host.Cache.GetPredictionsAsync(1970, Balanced, cancellationToken: Ct);

        // The entry's L1 time is over (marked expired, kept for fail-safe), without waiting for a clock.
        await host.Fusion.ExpireAsync(CacheKeys.Predictions(1970, Balanced), token: Ct);

        _failures.FailEverything = true;
        var duringOutage = await host.Cache.GetPredictionsAsync(1970, Balanced, cancellationToken: Ct);
        var neverCached = await host.Cache.GetPredictionsAsync(1960, Balanced, cancellationToken: Ct);

        duringOutage.Should().BeOfType<CacheRead<CachedPredictions>.Ready>()
            .Which.Value.CalculatedAt.Should().Be(((CacheRead<CachedPredictions>.Ready)warm).Value.CalculatedAt);
        _failures.Failures.Should().BePositive(because: "the expired entry made the cache try the database");
        neverCached.Should().BeOfType<CacheRead<CachedPredictions>.Unavailable>();
    }

    [Fact]
    public async Task AfterARowIsWrittenNoReaderGetsTheOldOne()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var host = new CacheTestHost(Factory, time: time);
        await host.RefreshAsync(Balanced, [2010], includeValidation: false);
        var first = (CacheRead<CachedPredictions>.Ready)await host.Cache.GetPredictionsAsync(2010, Balanced, cancellationToken: Ct);

        // Readers keep reading while the refresh writes a newer row.
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await host.Cache.GetPredictionsAsync(2010, Balanced, cancellationToken: Ct);
            }
        }, Ct)).ToArray();
        time.Advance(TimeSpan.FromMinutes(1));
        var completed = new TaskCompletionSource<DateTimeOffset>();
        using var subscription = host.Events.Subscribe(e =>
        {
            if (e is DecadeCached cached)
            {
                completed.TrySetResult(cached.CalculatedAt);
            }

            return Task.CompletedTask;
        });
        await host.RefreshAsync(Balanced, [2010], includeValidation: false);
        var written = await completed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        for (var i = 0; i < 50; i++)
        {
            var read = (CacheRead<CachedPredictions>.Ready)await host.Cache.GetPredictionsAsync(2010, Balanced, cancellationToken: Ct);
            read.Value.CalculatedAt.Should().Be(written);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        written.Should().BeAfter(first.Value.CalculatedAt);
    }

    [Fact]
    public async Task RowComputedWithOldWeightsIsServedAndMarkedStale()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);
        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).IsReady.Should().BeTrue();

        await host.Profiles.UpdateWeightsAsync(Balanced, new CategoryWeights(0.4, 0.2, 0.2, 0.2), Ct);
        var afterEdit = (CacheRead<CachedPredictions>.Ready)await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);

        afterEdit.Value.Freshness.IsStale.Should().BeTrue();
        afterEdit.Value.Freshness.Reasons.Should().ContainSingle().Which.Should().Contain("weights");
    }

    [Fact]
    public async Task RowComputedWithOldDataIsMarkedStaleAfterAnImport()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);

        // The same films with one changed rating: a new data version of the same catalogue (another seed would be
        // other films, another catalogue, whose import clears the rows).
        var demo = DemoCatalogue.Generate(400, 1001);
        var changed = demo with { Movies = [demo.Movies[0] with { ImdbRating = demo.Movies[0].ImdbRating is 5.0 ? 6.0 : 5.0 }, .. demo.Movies.Skip(1)] };
        await new CatalogImporter(Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance)
            .ImportAsync(changed, DemoCatalogue.Source, isDemo: true, cancellationToken: Ct);
        await host.Cache.InvalidateAllAsync(Ct);
        var read = (CacheRead<CachedPredictions>.Ready)await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);

        read.Value.Freshness.Reasons.Should().ContainSingle().Which.Should().Contain("data changed (version 1 → 2)");
    }

    [Fact]
    public async Task RerunningARefreshKeepsOneRowPerKey()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);

        await host.RefreshAsync(Balanced);
        await host.RefreshAsync(Balanced);

        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.PredictionCache.CountAsync(Ct)).Should().Be(MoviePredictor.Decades.Count);
        (await db.ValidationCache.CountAsync(Ct)).Should().Be(1);
        (await db.ComparisonCache.CountAsync(Ct)).Should().Be(1);
    }

    [Fact]
    public async Task ValidationAndComparisonAreReadFromTheirOwnRows()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(2);

        var validation = (CacheRead<CachedProfileValidation>.Ready)await host.Cache.GetValidationAsync(2, Ct);
        var comparison = (CacheRead<CachedComparison>.Ready)await host.Cache.GetComparisonAsync(Ct);

        validation.Value.Validation.Decades.Should().HaveCount(MoviePredictor.CompletedDecades.Count);
        validation.Value.Validation.ProfileName.Should().Be("Award Winner");
        comparison.Value.Comparison.Profiles.Should().HaveCount(6);
        (await host.Cache.GetValidationAsync(Balanced, Ct)).IsReady.Should().BeFalse(because: "only Award Winner was refreshed");
    }

    [Fact]
    public async Task ClearingAProfileRemovesItsRowsAndItsMemory()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [2020]);
        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).IsReady.Should().BeTrue();

        var removed = await host.Writer.ClearProfileAsync(Balanced, Ct);

        removed.Should().Be(2);
        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).IsReady.Should().BeFalse();
        (await host.Cache.GetComparisonAsync(Ct)).IsReady.Should().BeTrue(because: "the comparison row belongs to no single profile");
    }
}

public sealed class PredictionsCacheTestsOnSqlite() : PredictionsCacheTests(DatabaseProvider.Sqlite);

public sealed class PredictionsCacheTestsOnPostgres() : PredictionsCacheTests(DatabaseProvider.Postgres);
