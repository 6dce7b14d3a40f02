using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

public sealed class ScoringServiceTests
{
    private static MovieFeatures Film(double? rating = 7.5, int? votes = 100_000, int? letterboxd = 300, double awards = 3, double canon = 2, double? people = 4) => new()
    {
        MovieId = 1,
        ImdbId = "tt0000001",
        Title = "A film",
        Year = 1999,
        ImdbRating = rating,
        ImdbVotes = votes,
        LetterboxdPopularityRank = letterboxd,
        AwardPoints = awards,
        CanonPoints = canon,
        PeoplePoints = people,
    };

    [Fact]
    public void CategoryScoresStayBetweenZeroAndOneForExtremeInputs()
    {
        var extremes = new[]
        {
            Film(rating: 10, votes: int.MaxValue, letterboxd: 1, awards: 1e9, canon: 1e9, people: 1e9),
            Film(rating: 1, votes: 0, letterboxd: 5000, awards: 0, canon: 0, people: 0.001),
        };

        foreach (var film in extremes)
        {
            var scores = ScoringService.Categorize(film);
            foreach (var category in ScoreCategories.All)
            {
                scores[category].Should().BeInRange(0, 1, because: $"{category} is a 0–1 score");
            }
        }
    }

    [Fact]
    public void TotalIsWeightedSumTimesHundredWhenEverySignalIsPresent()
    {
        var scores = new CategoryScores(0.8, 0.4, 0.6, 0.2);
        var weights = new CategoryWeights(0.4, 0.3, 0.2, 0.1);

        ScoringService.Total(scores, weights).Should().BeApproximately(100 * ((0.4 * 0.8) + (0.3 * 0.4) + (0.2 * 0.6) + (0.1 * 0.2)), 1e-9);
    }

    [Fact]
    public void MissingCategoryIsScoredOnTheSignalsPresentNotAsZero()
    {
        var withoutPeople = new CategoryScores(0.8, 0.4, 0.6, null);
        var weights = CategoryWeights.Balanced;

        var total = ScoringService.Total(withoutPeople, weights);

        total.Should().BeApproximately(100 * (0.8 + 0.4 + 0.6) / 3, 1e-9);
        total.Should().BeGreaterThan(ScoringService.Total(withoutPeople with { PeopleQuality = 0 }, weights));
    }

    [Fact]
    public void EffectiveWeightsOfPresentCategoriesSumToOne()
    {
        var effective = ScoringService.EffectiveWeights(new CategoryScores(null, 0.5, 0.5, null), new CategoryWeights(0.4, 0.3, 0.2, 0.1));

        effective.PopularOpinion.Should().Be(0);
        effective.PeopleQuality.Should().Be(0);
        effective.Sum.Should().BeApproximately(1, 1e-12);
        effective.IndustryRecognition.Should().BeApproximately(0.6, 1e-12);
    }

    [Fact]
    public void FilmWithoutAnyPopularSignalHasNoPopularOpinionScore()
    {
        ScoringService.PopularOpinion(Film(rating: null, votes: null, letterboxd: null)).Should().BeNull();
    }

    [Fact]
    public void PopularOpinionUsesOnlyTheImdbSignalsItHas()
    {
        var ratingOnly = ScoringService.PopularOpinion(Film(rating: 9, votes: null, letterboxd: null));
        var ratingAndVotes = ScoringService.PopularOpinion(Film(rating: 9, votes: 2_000_000, letterboxd: null));

        ratingOnly.Should().BeApproximately(0.5 / 0.7, 1e-9, because: "a top rating with no Letterboxd rank scores on rating alone, plus Letterboxd as 0");
        ratingAndVotes.Should().BeApproximately(0.8, 1e-9);
    }

    [Fact]
    public void BetterLetterboxdRankGivesHigherPopularOpinion()
    {
        var top = ScoringService.PopularOpinion(Film(letterboxd: 1));
        var low = ScoringService.PopularOpinion(Film(letterboxd: 4000));
        var absent = ScoringService.PopularOpinion(Film(letterboxd: null));

        top.Should().BeGreaterThan(low!.Value);
        low.Should().BeGreaterThan(absent!.Value);
    }

    [Fact]
    public void WinsWeighMoreThanNominations()
    {
        foreach (var (awardEvent, award, category) in new[]
        {
            ("oscars", "Academy Award", "BEST PICTURE"),
            ("bafta", "bafta film award", "best film"),
            ("cannes", "palme d'or", "palme d'or"),
            ("sundance", "grand jury prize", "dramatic"),
        })
        {
            ScoringService.AwardPoints(awardEvent, award, category, won: true)
                .Should().BeGreaterThan(ScoringService.AwardPoints(awardEvent, award, category, won: false), because: awardEvent);
        }
    }

    [Fact]
    public void TopPrizesWeighMoreThanSideSections()
    {
        ScoringService.AwardPoints("cannes", "palme d'or", "palme d'or", won: true)
            .Should().BeGreaterThan(ScoringService.AwardPoints("cannes", "queer palm", "queer palm", won: true));
        ScoringService.AwardPoints("oscars", "Academy Award", "BEST PICTURE", won: false)
            .Should().BeGreaterThan(ScoringService.AwardPoints("oscars", "Academy Award", "SOUND MIXING", won: false));
    }

    [Fact]
    public void RazziesCountNothing()
    {
        ScoringService.AwardPoints("razzies", "razzie award", "worst picture", won: true).Should().Be(0);
    }

    [Fact]
    public void TargetListsGiveNoCanonPoints()
    {
        ScoringService.ListPoints("1001_movies", "target", rank: 1).Should().Be(0);
        ScoringService.ListPoints("1001_movies_any_edition", "target", rank: null).Should().Be(0);
        ScoringService.ListPoints("criterion", "registry", rank: null).Should().BePositive();
    }

    [Fact]
    public void HigherPlaceOnRankedCanonGivesMorePoints()
    {
        ScoringService.ListPoints("sight_and_sound_2022", "canon", rank: 1)
            .Should().BeGreaterThan(ScoringService.ListPoints("sight_and_sound_2022", "canon", rank: 200));
    }
}
