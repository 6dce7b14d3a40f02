using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Tests.Scoring;

public abstract class FeatureSnapshotLoaderTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static BundleData SmallBundle() => new(
        [
            new BundleMovie("tt0000001", "Classic", 1955, 100, ["Drama"], [], "en", 8.1, 90_000, 120),
            new BundleMovie("tt0000002", "Sequel", 1958, 95, [], [], null, 6.0, 4_000, null),
            new BundleMovie("tt0000003", "Unknown", 1957, null, [], [], null, null, null, null),
        ],
        [
            new BundleAward("tt0000001", "oscars", 1956, "Academy Award", "BEST PICTURE", true),
            new BundleAward("tt0000002", "cannes", 1958, "palme d'or", "palme d'or", false),
        ],
        [
            new BundleList(CanonicalList.TargetKey, "1001", ListKinds.Target, null),
            new BundleList("criterion", "Criterion", ListKinds.Registry, null),
        ],
        [
            new BundleMembership(CanonicalList.TargetKey, "tt0000001", 2018, 1),
            new BundleMembership(CanonicalList.TargetKey, "tt0000001", 2024, null),
            new BundleMembership("criterion", "tt0000001", null, null),
        ],
        [
            new BundleCredit("tt0000001", "nm0000001", "A Director", "Directing", "DIRECTING", 1956, true),
            new BundleCredit("tt0000002", "nm0000001", "A Director", "Directing", "DIRECTING", 1959, false),
        ]);

    private async Task ImportAsync(BundleData bundle) =>
        await new CatalogImporter(Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance)
            .ImportAsync(bundle, "test", isDemo: false, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task LoadsTheSameFeaturesAsTheBundleGives()
    {
        var bundle = SmallBundle();
        await ImportAsync(bundle);

        var loaded = await new FeatureSnapshotLoader(Factory).LoadAsync(TestContext.Current.CancellationToken);
        var direct = FeatureSnapshotLoader.FromBundle(bundle, dataVersion: 1);

        loaded.DataVersion.Should().Be(1);
        loaded.Editions.Should().Equal(2018, 2024);
        loaded.Movies.Select(m => (m.ImdbId, m.AwardPoints, m.CanonPoints, m.PeoplePoints))
            .Should().BeEquivalentTo(direct.Movies.Select(m => (m.ImdbId, m.AwardPoints, m.CanonPoints, m.PeoplePoints)));
        loaded.Movies.Single(m => m.ImdbId == "tt0000002").PeoplePoints.Should().Be(ScoringService.PriorRecognitionPoints(1, 1));
    }

    [Fact]
    public async Task DeletingThe1001MembershipsFromTheDatabaseLeavesEveryScoreUnchanged()
    {
        await ImportAsync(SmallBundle());
        var profile = ScoringProfile.Custom(CategoryWeights.Balanced);
        var before = new MoviePredictor(await new FeatureSnapshotLoader(Factory).LoadAsync(TestContext.Current.CancellationToken))
            .PredictDecade(1950, profile).Entries.Select(e => (e.ImdbId, e.TotalScore)).ToList();

        await using (var db = await Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var target = await db.CanonicalLists.SingleAsync(l => l.Key == CanonicalList.TargetKey, TestContext.Current.CancellationToken);
            var removed = await db.ListMemberships.Where(m => m.ListId == target.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            removed.Should().Be(2);
        }

        var afterSnapshot = await new FeatureSnapshotLoader(Factory).LoadAsync(TestContext.Current.CancellationToken);
        var after = new MoviePredictor(afterSnapshot).PredictDecade(1950, profile).Entries.Select(e => (e.ImdbId, e.TotalScore)).ToList();

        afterSnapshot.Editions.Should().BeEmpty();
        after.Should().Equal(before);
    }
}

public sealed class FeatureSnapshotLoaderTestsOnSqlite() : FeatureSnapshotLoaderTests(DatabaseProvider.Sqlite);

public sealed class FeatureSnapshotLoaderTestsOnPostgres() : FeatureSnapshotLoaderTests(DatabaseProvider.Postgres);
