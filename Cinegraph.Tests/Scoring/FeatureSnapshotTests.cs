using Cinegraph.Core.Catalog;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using static Cinegraph.Core.Scoring.FeatureSnapshotLoader;

namespace Cinegraph.Tests.Scoring;

public sealed class FeatureSnapshotTests
{
    [Fact]
    public void PeoplePointsCountOnlyRecognitionFromEarlierCeremonies()
    {
        MovieRow[] movies = [new(1, "tt0000001", "Early", 1990, 7, 100, null), new(2, "tt0000002", "Later", 1995, 7, 100, null), new(3, "tt0000003", "Debut", 1995, 7, 100, null)];
        CreditRow[] credits =
        [
            new(1, "nm0000001", 1991, Won: true),
            new(2, "nm0000001", 1996, Won: false),
            new(2, "nm0000002", 1996, Won: false),
            new(3, "nm0000003", 1996, Won: true),
        ];

        var snapshot = Build(movies, [], [], credits, dataVersion: 1);

        snapshot.Movies.Single(m => m.MovieId == 1).PeoplePoints.Should().Be(0, because: "its nominee had nothing before 1991");
        snapshot.Movies.Single(m => m.MovieId == 2).PeoplePoints.Should().Be(ScoringService.PriorRecognitionPoints(1, 1), because: "one earlier nomination, won");
        snapshot.Movies.Single(m => m.MovieId == 3).PeoplePoints.Should().Be(0);
        ScoringService.Categorize(snapshot.Movies.Single(m => m.MovieId == 3)).PeopleQuality.Should().BeNull(because: "no earlier recognition is no signal");
    }

    [Fact]
    public void TargetListGoesToTheOutcomeNotToAnyFeature()
    {
        MovieRow[] movies = [new(1, "tt0000001", "On the list", 1990, 7, 100, null)];
        MembershipRow[] memberships =
        [
            new(1, CanonicalList.TargetKey, ListKinds.Target, 2018, 5),
            new(1, CanonicalList.TargetKey, ListKinds.Target, 2024, null),
            new(1, CanonicalList.TargetAnyEditionKey, ListKinds.Target, null, null),
        ];

        var snapshot = Build(movies, [], memberships, [], dataVersion: 1);

        snapshot.Movies[0].CanonPoints.Should().Be(0);
        snapshot.Editions.Should().Equal(2018, 2024);
        snapshot.IsOnNewestEdition(1).Should().BeTrue();
        snapshot.IsOnEdition(1, 2019).Should().BeFalse();
    }

    [Fact]
    public void RemovingEveryListMembershipOfThe1001ListLeavesEveryScoreUnchanged()
    {
        var bundle = BundleReader.Read(TestPaths.Bundle);
        var withoutTarget = bundle with
        {
            Memberships = [.. bundle.Memberships.Where(m => m.ListKey is not (CanonicalList.TargetKey or CanonicalList.TargetAnyEditionKey))],
        };
        withoutTarget.Memberships.Count.Should().BeLessThan(bundle.Memberships.Count);

        var with = new MoviePredictor(FromBundle(bundle));
        var without = new MoviePredictor(FromBundle(withoutTarget));

        foreach (var profile in SystemProfiles.Create().Where(p => p.Kind == ProfileKinds.Weights).Select(p => ScoringProfile.From(p)))
        {
            foreach (var decade in MoviePredictor.Decades)
            {
                var a = with.PredictDecade(decade, profile, int.MaxValue).Entries.Select(e => (e.ImdbId, e.TotalScore, e.Rank));
                var b = without.PredictDecade(decade, profile, int.MaxValue).Entries.Select(e => (e.ImdbId, e.TotalScore, e.Rank));
                a.Should().Equal(b, because: $"{profile.Name}, {decade}s");
            }
        }
    }

    [Fact]
    public void EveryPredictionOfTheRealBundleStaysInRange()
    {
        var predictor = new MoviePredictor(FromBundle(BundleReader.Read(TestPaths.Bundle)));

        foreach (var profile in SystemProfiles.Create().Where(p => p.Kind == ProfileKinds.Weights).Select(p => ScoringProfile.From(p)))
        {
            foreach (var decade in MoviePredictor.Decades)
            {
                var prediction = predictor.PredictDecade(decade, profile);
                prediction.Entries.Should().NotBeEmpty();
                prediction.Entries.Should().OnlyContain(e => e.TotalScore >= 0 && e.TotalScore <= 100 && e.Likelihood >= 0 && e.Likelihood <= 100);
                prediction.Entries.Select(e => e.TotalScore).Should().BeInDescendingOrder();
            }
        }
    }
}
