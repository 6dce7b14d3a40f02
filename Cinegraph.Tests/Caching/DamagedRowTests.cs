using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Caching;

/// <summary>
/// One damaged cache row never breaks a reader: every damage (bad JSON, a bad category index, NaN or Infinity, a
/// score outside 0–100, bad statistics or metadata) of a prediction, validation or comparison row reads as missing,
/// shows as damaged in the status, and is logged once per row version. The writer refuses what it could not read back.
/// </summary>
public abstract class DamagedRowTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const int Balanced = 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryDamagedPredictionRowReadsAsMissingAndShowsAsDamaged()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using (var writer = new CacheTestHost(Factory))
        {
            await writer.RefreshAsync(Balanced, [2010, 2020], includeValidation: false);
        }

        var original = await RowAsync(2020);
        var tried = 0;
        foreach (var (name, damage) in CacheRowDamage.PredictionDamages)
        {
            if (!damage.PostgresCanHoldIt && Provider == DatabaseProvider.Postgres)
            {
                continue;
            }

            await RestoreAsync(original);
            await CacheRowDamage.ApplyAsync(Factory, "prediction_cache", CacheRowDamage.PredictionRow(2020, Balanced), damage, Ct);
            using var host = new CacheTestHost(Factory);
            var status = new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions()));

            var before = (await status.GetStatusAsync(Ct)).Profiles.Single(p => p.ProfileId == Balanced);
            var read = await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct);
            var neighbour = await host.Cache.GetPredictionsAsync(2010, Balanced, cancellationToken: Ct);
            var after = (await status.GetStatusAsync(Ct)).Profiles.Single(p => p.ProfileId == Balanced);

            read.Should().BeOfType<CacheRead<CachedPredictions>.Missing>(because: $"damage '{name}' must read as missing");
            neighbour.IsReady.Should().BeTrue(because: "the other decade's row is intact");
            foreach (var profile in new[] { before, after })
            {
                var row = profile.Decades.Single(d => d.Decade == 2020);
                row.State.Should().Be(RowStates.Damaged, because: $"damage '{name}' must show as damaged");
                row.Exists.Should().BeTrue();
                row.Freshness.Should().BeNull();
                profile.Decades.Single(d => d.Decade == 2010).State.Should().Be(RowStates.Fresh);
            }

            tried++;
        }

        tried.Should().BeGreaterThanOrEqualTo(CacheRowDamage.PredictionDamages.Count - 1);
    }

    [Fact]
    public async Task EveryDamagedValidationAndComparisonRowReadsAsMissingAndShowsAsDamaged()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using (var writer = new CacheTestHost(Factory))
        {
            await writer.RefreshAsync(Balanced, [2020], includeValidation: true);
        }

        foreach (var (name, damage) in CacheRowDamage.ValidationDamages)
        {
            var original = await ReadColumnAsync("validation_cache", damage.Column);
            await CacheRowDamage.ApplyAsync(Factory, "validation_cache", $"\"ProfileId\" = {Balanced}", damage, Ct);
            using var host = new CacheTestHost(Factory);
            var status = await new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions())).GetStatusAsync(Ct);

            (await host.Cache.GetValidationAsync(Balanced, Ct)).Should().BeOfType<CacheRead<CachedProfileValidation>.Missing>(because: $"validation damage '{name}'");
            status.Profiles.Single(p => p.ProfileId == Balanced).Validation.State.Should().Be(RowStates.Damaged, because: $"validation damage '{name}'");
            (await host.Cache.GetComparisonAsync(Ct)).IsReady.Should().BeTrue();
            await CacheRowDamage.ApplyAsync(Factory, "validation_cache", $"\"ProfileId\" = {Balanced}", new(damage.Column, _ => original), Ct);
        }

        foreach (var (name, damage) in CacheRowDamage.ComparisonDamages)
        {
            var original = await ReadColumnAsync("comparison_cache", damage.Column);
            await CacheRowDamage.ApplyAsync(Factory, "comparison_cache", "1 = 1", damage, Ct);
            using var host = new CacheTestHost(Factory);
            var status = await new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions())).GetStatusAsync(Ct);

            (await host.Cache.GetComparisonAsync(Ct)).Should().BeOfType<CacheRead<CachedComparison>.Missing>(because: $"comparison damage '{name}'");
            status.Comparison.State.Should().Be(RowStates.Damaged, because: $"comparison damage '{name}'");
            (await host.Cache.GetValidationAsync(Balanced, Ct)).IsReady.Should().BeTrue();
            await CacheRowDamage.ApplyAsync(Factory, "comparison_cache", "1 = 1", new(damage.Column, _ => original), Ct);
        }
    }

    [Fact]
    public async Task ADamagedRowIsLoggedOncePerRowVersionHoweverOftenItIsRead()
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        var log = new RecordingLogger<CacheRowVerdicts>();
        using var host = new CacheTestHost(Factory, new CacheOptions { MissingDuration = TimeSpan.Zero }, verdictLogger: log);
        var status = new CacheStatusReader(Factory, host.Verdicts, TimeProvider.System, Options.Create(new CacheOptions()));
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);
        await CacheRowDamage.ApplyAsync(Factory, "prediction_cache", CacheRowDamage.PredictionRow(2020, Balanced), CacheRowDamage.PredictionDamages["total score 250"], Ct);
        await host.Cache.InvalidateAllAsync(Ct);

        for (var i = 0; i < 5; i++)
        {
            (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).IsReady.Should().BeFalse();
            await status.GetStatusAsync(Ct);
        }

        log.Count(2004).Should().Be(1);
        log.Entries.Single(e => e.Id.Id == 2004).Message.Should().Contain("predictions:1:2020").And.Contain("total score 250");

        // A refresh writes a new version of the row; damaged again, it is logged again, once.
        await host.RefreshAsync(Balanced, [2020], includeValidation: false);
        (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).IsReady.Should().BeTrue();
        await CacheRowDamage.ApplyAsync(Factory, "prediction_cache", CacheRowDamage.PredictionRow(2020, Balanced), CacheRowDamage.PredictionDamages["metadata []"], Ct);
        await host.Cache.InvalidateAllAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            (await host.Cache.GetPredictionsAsync(2020, Balanced, cancellationToken: Ct)).IsReady.Should().BeFalse();
        }

        log.Count(2004).Should().Be(2);
    }

    [Theory]
    [InlineData(250.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task WriterRefusesAScoreOutsideZeroToHundred(double score)
    {
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        var profile = await host.Profiles.FindByNameAsync(SystemProfiles.BalancedName, Ct) ?? throw new InvalidOperationException("no Balanced profile");
        var prediction = new MoviePredictor(await new FeatureSnapshotLoader(Factory).LoadAsync(Ct)).PredictDecade(2020, ScoringProfile.From(profile));
        var bad = prediction with { Entries = [prediction.Entries[0] with { TotalScore = score }, .. prediction.Entries.Skip(1)] };

        var write = () => host.Writer.WriteDecadeAsync(profile, bad, jobId: null, TimeSpan.Zero, Ct);

        (await write.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.Message.Should().Contain("total score");
        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.PredictionCache.CountAsync(Ct)).Should().Be(0);
    }

    private async Task<string> ReadColumnAsync(string table, string column)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var select = $"SELECT \"{column}\" AS \"Value\" FROM {table}";
        return await db.Database.SqlQueryRaw<string>(select).SingleAsync(Ct);
    }

    private async Task<PredictionCacheRow> RowAsync(int decade)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        return await db.PredictionCache.AsNoTracking().SingleAsync(r => r.Decade == decade && r.ProfileId == Balanced, Ct);
    }

    private async Task RestoreAsync(PredictionCacheRow original)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var row = await db.PredictionCache.SingleAsync(r => r.Id == original.Id, Ct);
        (row.MovieScores, row.Statistics, row.Metadata) = (original.MovieScores, original.Statistics, original.Metadata);
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class DamagedRowTestsOnSqlite() : DamagedRowTests(DatabaseProvider.Sqlite);

public sealed class DamagedRowTestsOnPostgres() : DamagedRowTests(DatabaseProvider.Postgres);
