using Cinegraph.Core.Caching;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Caching;

public sealed class AlgorithmVersionFreshnessTests
{
    private static CacheMetadata WrittenBy(string algorithmVersion) =>
        new(algorithmVersion, 1, "Balanced", 1, new CategoryWeights(0.25, 0.25, 0.25, 0.25), 1, 10, 5, 7, 100);

    [Fact]
    public void ARowOfANewerAlgorithmIsNotStaleButCarriesANote()
    {
        var freshness = Freshness.Of(WrittenBy("2026.12.0"), 1, 1, "2026.11.2");

        freshness.IsStale.Should().BeFalse();
        freshness.Reasons.Should().BeEmpty();
        freshness.AlgorithmNote.Should().Be("computed with algorithm 2026.12.0, newer than this node's 2026.11.2");
    }

    [Fact]
    public void ARowOfAnOlderAlgorithmIsStaleWithBothVersionsNamed()
    {
        var freshness = Freshness.Of(WrittenBy("2026.9.10"), 1, 1, "2026.11.2");

        freshness.IsStale.Should().BeTrue();
        freshness.Reasons.Should().Equal("algorithm changed (2026.9.10 → 2026.11.2)");
        freshness.AlgorithmNote.Should().BeNull();
    }

    [Fact]
    public void ARowOfThisNodesAlgorithmIsFresh() =>
        Freshness.Of(WrittenBy("2026.11.2"), 1, 1, "2026.11.2").Should().Be(Freshness.Fresh);

    [Theory]
    [InlineData("2026.11.10", "2026.11.2", true)]
    [InlineData("2027.1", "2026.11.2", true)]
    [InlineData("2026.11.2", "2026.11.2", false)]
    [InlineData("2026.11.1", "2026.11.2", false)]
    [InlineData("not-a-version", "2026.11.2", false)]
    public void VersionsAreOrderedNumericallyPartByPart(string version, string than, bool newer) =>
        AlgorithmVersions.IsNewer(version, than).Should().Be(newer);
}
