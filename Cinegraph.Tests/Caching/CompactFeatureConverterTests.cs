using Cinegraph.Core.Caching;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Tests.Caching;

/// <summary>A learned entry's features are stored in a cache row as [key, points] and come back with their names and categories.</summary>
public sealed class CompactFeatureConverterTests
{
    private static PredictionEntry Entry(params FeatureContribution[] features) =>
        new(1, 7, "tt0000007", "A Film", 1999, 61.5, 40.2, PredictionStatus.FuturePrediction, 1200, [new CategoryBreakdown("popular_opinion", 50, 0.3, 0.3, 15)])
        {
            Features = features,
        };

    [Fact]
    public void FeaturesAreWrittenAsKeyAndPointsAndReadBackWithTheirNamesAndCategories()
    {
        var entry = Entry(
            new FeatureContribution("award:oscars:win", "Oscar wins", "industry_recognition", 4.25),
            new FeatureContribution("votes", FeatureDefinitions.NameOf("votes"), ScoreCategories.Key(FeatureDefinitions.Find("votes")!.Category), 1.5));

        var json = CacheJson.Serialize<PredictionEntry[]>([entry]);
        var read = CacheJson.Deserialize<PredictionEntry[]>(json);

        json.Should().Contain("[\"award:oscars:win\",4.25]").And.NotContain("Oscar wins");
        read.Single().Features.Should().BeEquivalentTo(entry.Features, o => o.WithStrictOrdering());
    }

    [Fact]
    public void AFeatureTheFeaturesFileNoLongerHasMakesTheRowUnreadable()
    {
        var json = CacheJson.Serialize<PredictionEntry[]>([Entry(new FeatureContribution("award:oscars:win", "Oscar wins", "industry_recognition", 1))])
            .Replace("award:oscars:win", "award:gone:win", StringComparison.Ordinal);

        var read = () => CacheJson.Deserialize<PredictionEntry[]>(json);

        read.Should().Throw<System.Text.Json.JsonException>().WithMessage("*award:gone:win*");
    }
}
