using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

public sealed class ProfileTextTests
{
    public static TheoryData<string, string> ForbiddenNames => new()
    {
        { "Evil\u202Egnp.exe", "U+202E" },   // right-to-left override
        { "Zero\u200Bwidth", "U+200B" },     // zero-width space
        { "Joined\u200Dname", "U+200D" },    // zero-width joiner
        { "Mark\u200Fed", "U+200F" },        // right-to-left mark
        { "Isolate\u2066d", "U+2066" },      // left-to-right isolate
        { "Arabic\u061Cmark", "U+061C" },    // Arabic letter mark
        { "\uFEFFBom", "U+FEFF" },           // byte-order mark
        { "Bell\u0007", "U+0007" },          // control character
        { "Two\nlines", "U+000A" },          // newline
        { "Tab\tbed", "U+0009" },
        { "Nul\0", "U+0000" },
        { "Line\u2028separator", "U+2028" },
        { "Soft\u00ADhyphen", "U+00AD" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenNames))]
    public void RefusesControlZeroWidthAndBidiCharactersInTheName(string name, string code)
    {
        var errors = ProfileText.Validate(name, "");

        errors.Should().ContainSingle().Which.Should().Contain("The name").And.Contain(code);
    }

    [Fact]
    public void RefusesHalfASurrogatePair()
    {
        var name = "Half" + '\uD83D' + "surrogate";

        ProfileText.Validate(name, "").Should().ContainSingle().Which.Should().Contain("U+D83D");
    }

    [Fact]
    public void RefusesThemInTheDescriptionToo()
    {
        ProfileText.Validate("Fine", "harmless\u202Etext").Should().ContainSingle().Which.Should().Contain("The description").And.Contain("U+202E");
    }

    [Theory]
    [InlineData(100, 500, 0)]
    [InlineData(101, 0, 1)]
    [InlineData(1, 501, 1)]
    [InlineData(101, 501, 2)]
    public void EnforcesTheLengthLimitsAfterTrimming(int nameLength, int descriptionLength, int expectedErrors)
    {
        var name = "  " + new string('n', nameLength) + "  ";
        var description = " " + new string('d', descriptionLength) + " ";

        ProfileText.Validate(name, description).Should().HaveCount(expectedErrors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void RequiresAName(string? name)
    {
        ProfileText.Validate(name, null).Should().Equal("A profile needs a name.");
    }

    [Theory]
    [InlineData("Old Masters", "Weights for the classics")]
    [InlineData("Cinéma d'auteur", "Ça marche — très bien")]
    [InlineData("映画 ファン", "日本語の説明")]
    [InlineData("Emoji 🎬 fans", "Paired surrogates are fine 🍿")]
    [InlineData("עברית", "right-to-left letters without override characters")]
    public void AcceptsOrdinaryTextInAnyScript(string name, string description)
    {
        ProfileText.Validate(name, description).Should().BeEmpty();
        ProfileText.FirstForbidden(name).Should().BeNull();
    }
}
