using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Tests.Catalog;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Caching;

/// <summary>
/// Results computed from another catalogue (the demo, or films an import removed) are never shown as predictions:
/// the import clears them, a row from an earlier catalogue that is still there reads as missing, and the status says
/// the data changed and to refresh all. A data version bump on the same films keeps serving the rows, marked stale.
/// </summary>
public abstract class CatalogueChangeTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const int Balanced = 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportingTheRealBundleOverTheDemoClearsTheDemoResultsAndAsksForRefreshAll()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using (var before = new CacheTestHost(Factory))
        {
            await before.RefreshAsync(Balanced, [2020, 1990], includeValidation: true);
        }

        using var bundle = new SmallBundle();
        var result = await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);

        // A restart: a new process with nothing in memory.
        using var host = new CacheTestHost(Factory);
        var status = await new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions())).GetStatusAsync(Ct);
        result.DataVersion.Should().Be(2);
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            (await db.PredictionCache.CountAsync(Ct) + await db.ValidationCache.CountAsync(Ct) + await db.ComparisonCache.CountAsync(Ct)).Should().Be(0);
            (await db.DataImports.SingleAsync(i => i.DataVersion == 2, Ct)).CatalogueReplaced.Should().BeTrue();
        }

        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).Should().BeOfType<CacheRead<CachedPredictions>.Missing>();
        (await host.Cache.GetValidationAsync(Balanced, Ct)).Should().BeOfType<CacheRead<CachedProfileValidation>.Missing>();
        (await host.Cache.GetComparisonAsync(Ct)).Should().BeOfType<CacheRead<CachedComparison>.Missing>();
        status.DataChanged.Should().BeEquivalentTo(new { DataVersion = 2, CatalogueReplaced = true, CatalogueSince = 2 });
        status.DataChanged!.Message.Should().Contain("another catalogue").And.Contain("Refresh all");

        foreach (var profile in status.Profiles)
        {
            await host.RefreshAsync(profile.ProfileId);
        }

        var refreshed = await new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions())).GetStatusAsync(Ct);
        refreshed.DataChanged.Should().BeNull(because: "every active profile was computed on the new catalogue");
        (await host.Cache.GetPredictionsAsync(1950, Balanced, cancellationToken: Ct)).IsReady.Should().BeTrue();
    }

    [Fact]
    public async Task ARowFromTheDemoCatalogueStillThereReadsAsMissingAndShowsAsAnotherCatalogue()
    {
        // Rows left by an import made before the importer cleared them (or written by a job that ran across the
        // import): the demo → bundle switch is found from the import history alone.
        await CacheTestHost.ImportDemoAsync(Factory);
        using (var before = new CacheTestHost(Factory))
        {
            await before.RefreshAsync(Balanced, [2020], includeValidation: true);
        }

        var demoRows = await RowsAsync();
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            await db.DataImports.ExecuteUpdateAsync(s => s.SetProperty(i => i.CatalogueReplaced, false), Ct);
            db.AddRange(demoRows.Predictions);
            db.AddRange(demoRows.Validations);
            db.AddRange(demoRows.Comparisons);
            await db.SaveChangesAsync(Ct);
        }

        using var host = new CacheTestHost(Factory);
        var status = await new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions())).GetStatusAsync(Ct);

        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).Should().BeOfType<CacheRead<CachedPredictions>.Missing>();
        (await host.Cache.GetValidationAsync(Balanced, Ct)).Should().BeOfType<CacheRead<CachedProfileValidation>.Missing>();
        (await host.Cache.GetComparisonAsync(Ct)).Should().BeOfType<CacheRead<CachedComparison>.Missing>();
        var balanced = status.Profiles.Single(p => p.ProfileId == Balanced);
        balanced.Decades.Single(d => d.Decade == 2020).State.Should().Be(RowStates.OtherCatalogue);
        balanced.Validation.State.Should().Be(RowStates.OtherCatalogue);
        status.Comparison.State.Should().Be(RowStates.OtherCatalogue);
        status.DataChanged.Should().BeEquivalentTo(new { CatalogueReplaced = true, CatalogueSince = 2 });
    }

    [Fact]
    public async Task AnImportThatRemovesAFilmClearsTheResults()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [1950, 1980], includeValidation: false);
        bundle.RemoveLine(BundleReader.MoviesFile, 5).RemoveLine(BundleReader.AwardsFile, 5).RemoveLine(BundleReader.ListsFile, 5).Write();

        await Importer().ImportBundleAsync(bundle.Folder, allowShrink: true, cancellationToken: Ct);
        await host.Cache.InvalidateAllAsync(Ct);

        (await host.Cache.GetPredictionsAsync(1980, Balanced, cancellationToken: Ct)).Should().BeOfType<CacheRead<CachedPredictions>.Missing>();
        (await host.Cache.GetPredictionsAsync(1950, Balanced, cancellationToken: Ct)).Should().BeOfType<CacheRead<CachedPredictions>.Missing>();
        var status = await new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions())).GetStatusAsync(Ct);
        status.DataChanged.Should().BeEquivalentTo(new { DataVersion = 2, CatalogueReplaced = true });
    }

    [Fact]
    public async Task ADataVersionBumpOnTheSameFilmsKeepsServingTheRowsAsStale()
    {
        using var bundle = new SmallBundle();
        await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        using var host = new CacheTestHost(Factory);
        await host.RefreshAsync(Balanced, [1950], includeValidation: false);
        bundle.Set(BundleReader.MoviesFile, 3, "tt0000002,Beta Revised,1960,,Comedy,,,6.4,900,").Write();

        var result = await Importer().ImportBundleAsync(bundle.Folder, cancellationToken: Ct);
        await host.Cache.InvalidateAllAsync(Ct);

        result.DataVersion.Should().Be(2);
        var read = (await host.Cache.GetPredictionsAsync(1950, Balanced, cancellationToken: Ct)).Should().BeOfType<CacheRead<CachedPredictions>.Ready>().Subject.Value;
        read.Freshness.IsStale.Should().BeTrue();
        read.Freshness.Reasons.Should().ContainSingle().Which.Should().Contain("data changed (version 1 → 2)");
        var status = await new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions())).GetStatusAsync(Ct);
        status.Profiles.Single(p => p.ProfileId == Balanced).Decades.Single(d => d.Decade == 1950).State.Should().Be(RowStates.Stale);
        status.DataChanged.Should().BeEquivalentTo(new { DataVersion = 2, CatalogueReplaced = false });
        status.DataChanged!.Message.Should().Contain("stale").And.Contain("Refresh all");
    }

    private CatalogImporter Importer() => new(Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance);

    private async Task<(List<PredictionCacheRow> Predictions, List<ValidationCacheRow> Validations, List<ComparisonCacheRow> Comparisons)> RowsAsync()
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var predictions = await db.PredictionCache.AsNoTracking().ToListAsync(Ct);
        var validations = await db.ValidationCache.AsNoTracking().ToListAsync(Ct);
        var comparisons = await db.ComparisonCache.AsNoTracking().ToListAsync(Ct);
        predictions.ForEach(r => r.Id = 0);
        validations.ForEach(r => r.Id = 0);
        comparisons.ForEach(r => r.Id = 0);
        return (predictions, validations, comparisons);
    }
}

public sealed class CatalogueChangeTestsOnSqlite() : CatalogueChangeTests(DatabaseProvider.Sqlite);

public sealed class CatalogueChangeTestsOnPostgres() : CatalogueChangeTests(DatabaseProvider.Postgres);
