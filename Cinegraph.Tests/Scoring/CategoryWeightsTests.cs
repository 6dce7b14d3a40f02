using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

public sealed class CategoryWeightsTests
{
    [Fact]
    public void SystemProfilesHaveValidWeightsAndLearnedIsTheOnlyDefault()
    {
        var profiles = SystemProfiles.Create();

        profiles.Should().HaveCount(6);
        profiles.Should().OnlyContain(p => p.Weights.Validate().Count == 0);
        profiles.Where(p => p.IsDefault).Select(p => p.Name).Should().Equal(SystemProfiles.LearnedName);
        profiles.Single(p => p.IsDefault).Kind.Should().Be(ProfileKinds.Learned);
        profiles.Single(p => p.Name == SystemProfiles.BalancedName).Weights.Should().Be(CategoryWeights.Balanced);
    }

    [Fact]
    public void RefusesWeightsThatDoNotSumToOne()
    {
        var act = () => new CategoryWeights(0.5, 0.5, 0.5, 0).EnsureValid();

        act.Should().Throw<InvalidWeightsException>().WithMessage("*sum to 100%*150*");
    }

    [Fact]
    public void RefusesNegativeWeights()
    {
        var errors = new CategoryWeights(1.2, -0.2, 0, 0).Validate();

        errors.Should().ContainSingle().Which.Should().Contain("Industry recognition").And.Contain("non-negative");
    }

    [Fact]
    public void AcceptsWeightsWithinTheTolerance()
    {
        new CategoryWeights(0.3333, 0.3333, 0.3333, 0).Validate().Should().BeEmpty();
        new CategoryWeights(0.25, 0.25, 0.25, 0.2515).Validate().Should().NotBeEmpty();
    }
}
