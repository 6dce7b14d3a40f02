using Cinegraph.Core.Catalog;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;
using Cinegraph.Core.Validation;

namespace Cinegraph.Tests.Scoring;

/// <summary>The learned profile: default, held out per decade, scored through the one predictor, explanations that add up.</summary>
public sealed class LearnedProfileTests
{
    private static (MoviePredictor Predictor, ScoringProfile Profile) Learned(BundleData data)
    {
        var predictor = new MoviePredictor(FeatureSnapshotLoader.FromBundle(data, dataVersion: 1));
        var models = LearnedModels.Fit(predictor.Snapshot, predictor.Matrix);
        var stored = SystemProfiles.Create().Single(p => p.Kind == ProfileKinds.Learned);
        return (predictor, ScoringProfile.From(stored, models));
    }

    [Fact]
    public void LearnedIsTheDefaultAndTheFiveNamedProfilesAreUnchanged()
    {
        var profiles = SystemProfiles.Create();
        profiles.Single(p => p.IsDefault).Name.Should().Be(SystemProfiles.LearnedName);
        profiles.Single(p => p.IsDefault).Kind.Should().Be(ProfileKinds.Learned);
        profiles.Where(p => p.Kind == ProfileKinds.Weights).Select(p => (p.Name, p.Weights)).Should().Equal(
            ("Balanced", new CategoryWeights(0.25, 0.25, 0.25, 0.25)),
            ("Award Winner", new CategoryWeights(0.25, 0.45, 0.20, 0.10)),
            ("Critics Choice", new CategoryWeights(0.50, 0.15, 0.30, 0.05)),
            ("Crowd Pleaser", new CategoryWeights(0.47, 0.11, 0.37, 0.05)),
            ("Cult Classic", new CategoryWeights(0.40, 0.10, 0.35, 0.15)));
    }

    [Fact]
    public void RemovingOneDecadesListMembershipsLeavesThatDecadesLearnedRankingUnchanged()
    {
        var data = DemoCatalogue.Generate(1500, 7);
        var years = data.Movies.ToDictionary(m => m.ImdbId, m => m.Year);
        var without = data with
        {
            Memberships = [.. data.Memberships.Where(m => !(m.ListKey == CanonicalList.TargetKey && years[m.ImdbId] / 10 * 10 == 1990))],
        };
        without.Memberships.Count.Should().BeLessThan(data.Memberships.Count, "the demo has 1990s films on the list");

        var (with, profile) = Learned(data);
        var (withoutLabels, profileWithout) = Learned(without);

        Ids(withoutLabels.RankDecade(1990, profileWithout)).Should().Equal(Ids(with.RankDecade(1990, profile)));
        withoutLabels.RankDecade(1990, profileWithout).Select(r => r.Total).Should().Equal(with.RankDecade(1990, profile).Select(r => r.Total));

        // The model of another decade did see the 1990s labels, so its fit moved: the test can tell a difference.
        Leaves(profileWithout.Learned!.ForDecade(1980)).Should().NotEqual(Leaves(profile.Learned!.ForDecade(1980)));
    }

    [Fact]
    public void ContributionsAddUpToTheTotalAndTheScoreStaysWithinZeroToHundred()
    {
        var (predictor, profile) = Learned(DemoCatalogue.Generate(1200, 3));
        foreach (var decade in MoviePredictor.Decades)
        {
            var prediction = predictor.PredictDecade(decade, profile, 50);
            prediction.ModelVersion.Should().Be(profile.Learned!.Version);
            prediction.Weights.Validate().Should().BeEmpty();
            foreach (var entry in prediction.Entries)
            {
                entry.TotalScore.Should().BeInRange(0, 100);
                entry.Likelihood.Should().BeInRange(0, 100);
                entry.Breakdown.Sum(b => b.WeightedPoints).Should().BeApproximately(entry.TotalScore, 0.002);
                entry.Features.Should().NotBeNull();
                entry.Features!.Sum(f => f.Points).Should().BeLessThanOrEqualTo(entry.TotalScore + 0.01);
                entry.Features.Select(f => f.Points).Should().BeInDescendingOrder();
                entry.Features.Should().OnlyContain(f => f.Name != f.Key, "every feature has a human name");
            }
        }
    }

    [Fact]
    public void ValidationOfTheLearnedProfileIsMarkedHeldOut()
    {
        var (predictor, profile) = Learned(DemoCatalogue.Generate(1200, 5));
        var validator = new HistoricalValidator(predictor);
        validator.Validate(profile).HeldOut.Should().BeTrue();
        validator.Validate(new ScoringProfile("Balanced", CategoryWeights.Balanced)).HeldOut.Should().BeFalse();
        ProfileComparison.Compare(validator, [(profile, "")], cancellationToken: TestContext.Current.CancellationToken).Profiles.Single().HeldOut.Should().BeTrue();
    }

    [Fact]
    public void AFitIsDeterministicAndSurvivesStorage()
    {
        var data = DemoCatalogue.Generate(800, 11);
        var (_, first) = Learned(data);
        var (_, second) = Learned(data);
        second.Learned!.Version.Should().Be(first.Learned!.Version);
        LearnedModels.FromJson(first.Learned.ToJson()).Version.Should().Be(first.Learned.Version);
    }

    [Fact]
    public void LanguageCountryAndGenreAreFeaturesOfTheLearnedProfile()
    {
        var data = DemoCatalogue.Generate(600, 13);
        var predictor = new MoviePredictor(FeatureSnapshotLoader.FromBundle(data, dataVersion: 1));
        var matrix = predictor.Matrix;
        double Value(MovieFeatures movie, string key)
        {
            var row = matrix.RowOf(movie.MovieId);
            var at = Array.IndexOf(row.Columns, Array.IndexOf(matrix.Keys, key));
            return at < 0 ? 0 : row.Values[at];
        }

        var foreign = predictor.Snapshot.Movies.First(m => m.OriginalLanguage is { } l && l != "en");
        var english = predictor.Snapshot.Movies.First(m => m.OriginalLanguage == "en");
        var documentary = predictor.Snapshot.Movies.First(m => m.Genres.Contains("Documentary"));
        Value(foreign, "not_english").Should().Be(1);
        Value(english, "not_english").Should().Be(0);
        Value(documentary, "documentary").Should().Be(1);
        FeatureDefinitions.NameOf("not_us").Should().Be("Made outside the US");
    }

    [Fact]
    public void TheLearnedBacktestRanksFilmsReleasedSinceTheEditionFirst()
    {
        var (predictor, profile) = Learned(DemoCatalogue.Generate(1500, 7));
        var edition = predictor.Snapshot.Editions[0];
        var pool = predictor.Snapshot.Movies.Where(m => !predictor.Snapshot.IsOnEdition(m.MovieId, edition)).ToArray();
        var newer = pool.Count(m => m.Year >= edition);
        newer.Should().BePositive("the demo has films released after its first edition");

        var ranked = predictor.RankAsOf(pool, profile, edition);

        ranked.Take(newer).Should().OnlyContain(r => r.Movie.Year >= edition);
        ranked.Skip(newer).Should().OnlyContain(r => r.Movie.Year < edition);
        ranked.Take(newer).Select(r => r.Total).Should().BeInDescendingOrder();
        var weights = predictor.RankAsOf(pool, new ScoringProfile("Balanced", CategoryWeights.Balanced), edition);
        weights.Select(r => r.Total).Should().BeInDescendingOrder("a weights profile ranks by its score alone");
    }

    [Fact]
    public void TheDecadeUnderWayIsSizedAsAWholeDecadeForTheLikelihood()
    {
        var predictor = new MoviePredictor(FeatureSnapshotLoader.FromBundle(DemoCatalogue.Generate(1500, 7), dataVersion: 1));
        var current = predictor.Snapshot.InDecade(MoviePredictor.LastDecade);
        var years = current.Max(m => m.Year) - MoviePredictor.LastDecade + 1;

        predictor.DecadeSize(1990).Should().Be(predictor.Snapshot.InDecade(1990).Count);
        predictor.DecadeSize(MoviePredictor.LastDecade).Should().Be((int)Math.Round(current.Count * 10.0 / years));
        predictor.DecadeSize(MoviePredictor.LastDecade).Should().BeGreaterThan(current.Count, "the demo's 2020s end before 2029");
    }

    private static string[] Ids(IReadOnlyList<ScoredMovie> ranked) => [.. ranked.Select(r => r.Movie.ImdbId)];

    private static double[] Leaves(LearnedModel model) => [.. model.Trees.SelectMany(t => t.Value)];
}
