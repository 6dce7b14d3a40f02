using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

public sealed class ProfileSlugTests
{
    [Theory]
    [InlineData("Balanced", "balanced")]
    [InlineData("Award Winner", "award-winner")]
    [InlineData("Critics Choice", "critics-choice")]
    [InlineData("  Critics'  Choice!! ", "critics-choice")]
    [InlineData("My 70/30 mix", "my-70-30-mix")]
    [InlineData("Über Kino", "über-kino")]
    [InlineData("---", "profile")]
    public void SlugIsTheLowerCaseHyphenatedName(string name, string slug) =>
        ProfileSlug.From(name).Should().Be(slug);

    [Fact]
    public void SlugMatchesRegardlessOfCase() =>
        ProfileSlug.Matches("Award Winner", "Award-Winner").Should().BeTrue();

    [Fact]
    public void EverySystemProfileHasADistinctSlug() =>
        SystemProfiles.Create().Select(p => ProfileSlug.From(p.Name)).Should()
            .Equal("balanced", "award-winner", "critics-choice", "crowd-pleaser", "cult-classic", "learned");
}
