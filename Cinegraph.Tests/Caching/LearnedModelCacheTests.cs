using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Caching;

/// <summary>The learned profile's fit is stored once per data version and its version travels with the cache rows.</summary>
public abstract class LearnedModelCacheTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const int Learned = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefreshFitsOncePerDataVersionAndRowsRecordTheModelVersion()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Learned, [1990, 2020]);
        await host.RefreshAsync(Learned, [1990, 2020]);

        await using var db = await Factory.CreateDbContextAsync(Ct);
        var fits = await db.FittedModels.AsNoTracking().ToListAsync(Ct);
        fits.Should().ContainSingle("the second refresh of the same data reuses the stored fit");
        var read = await host.Cache.GetPredictionsAsync(2020, Learned, cancellationToken: Ct);
        var cached = read.Should().BeOfType<CacheRead<CachedPredictions>.Ready>().Which.Value;
        cached.Metadata.ModelVersion.Should().Be(fits[0].ModelVersion);
        cached.Freshness.IsStale.Should().BeFalse();
        cached.Entries.Should().OnlyContain(e => e.Features != null);
        var profile = await db.Profiles.AsNoTracking().SingleAsync(p => p.Id == Learned, Ct);
        profile.Weights.Validate().Should().BeEmpty();
        profile.Weights.Should().NotBe(CategoryWeights.Balanced, "a fit sets the weights to the categories' shares in the model");
    }

    [Fact]
    public async Task ANewFitMarksRowsOfTheOldModelStaleWithThatReason()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Learned, [2020], includeValidation: false);

        // The stored fit is gone (as when the fit version changes): the next refresh fits again.
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            await db.FittedModels.ExecuteDeleteAsync(Ct);
        }

        await host.RefreshAsync(Learned, [1990], includeValidation: false);

        await using var check = await Factory.CreateDbContextAsync(Ct);
        (await check.FittedModels.CountAsync(Ct)).Should().Be(1);
        var read = await host.Cache.GetPredictionsAsync(2020, Learned, cancellationToken: Ct);
        var freshness = read.Should().BeOfType<CacheRead<CachedPredictions>.Ready>().Which.Value.Freshness;
        freshness.IsStale.Should().BeTrue();
        freshness.Reasons.Should().ContainSingle().Which.Should().StartWith("model refitted");
        var rewritten = await host.Cache.GetPredictionsAsync(1990, Learned, cancellationToken: Ct);
        rewritten.Should().BeOfType<CacheRead<CachedPredictions>.Ready>().Which.Value.Freshness.IsStale.Should().BeFalse();
    }
}

public sealed class LearnedModelCacheTestsOnSqlite() : LearnedModelCacheTests(DatabaseProvider.Sqlite);

public sealed class LearnedModelCacheTestsOnPostgres() : LearnedModelCacheTests(DatabaseProvider.Postgres);
