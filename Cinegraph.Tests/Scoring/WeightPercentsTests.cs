using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

public sealed class WeightPercentsTests
{
    [Theory]
    [InlineData(new[] { 40, 25, 25, 25 }, new[] { 35, 22, 22, 21 })]
    [InlineData(new[] { 33, 33, 33, 0 }, new[] { 34, 33, 33, 0 })]
    [InlineData(new[] { 0, 0, 0, 7 }, new[] { 0, 0, 0, 100 })]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 25, 25, 25, 25 })]
    [InlineData(new[] { 10, 20, 30, 40 }, new[] { 10, 20, 30, 40 })]
    [InlineData(new[] { 1, 1, 1, 0 }, new[] { 34, 33, 33, 0 })]
    public void NormalisingKeepsTheProportionsAndSumsToExactlyHundred(int[] percents, int[] expected)
    {
        var normalised = WeightPercents.Normalise(percents);

        normalised.Should().Equal(expected);
        WeightPercents.ToWeights(normalised).Validate().Should().BeEmpty();
    }

    [Fact]
    public void WholePercentsOfAProfilesWeightsGiveItsWeightsBack()
    {
        var weights = new CategoryWeights(0.4, 0.25, 0.25, 0.1);

        WeightPercents.From(weights).Should().Equal(40, 25, 25, 10);
        WeightPercents.ToWeights(WeightPercents.From(weights)).Should().Be(weights);
    }
}
