using Cinegraph.Benchmarks.Load;
using Cinegraph.Core.Catalog;
using Cinegraph.Tests.Catalog;

namespace Cinegraph.Tests.Benchmarks;

public sealed class ScaledBundleTests : IDisposable
{
    private readonly SmallBundle _source = new();
    private readonly string _target = Directory.CreateTempSubdirectory("cinegraph-scaled-").FullName;

    [Fact]
    public void CopiesEveryFilmUnderNewUniqueIdsThatTheBundleReaderAccepts()
    {
        ScaledBundle.Write(_source.Folder, _target, copies: 3);

        var data = BundleReader.Read(_target);
        data.Movies.Should().HaveCount(SmallBundle.Movies * 3);
        data.Movies.Select(m => m.ImdbId).Should().OnlyHaveUniqueItems();
        data.Movies.Where(m => m.ImdbId == ScaledBundle.CopyId(2, 0)).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(data.Movies.Single(m => m.ImdbId == "tt0000001"), o => o.Excluding(m => m.ImdbId));
    }

    [Fact]
    public void CopiesAwardsAndCreditsButNoListPlaces()
    {
        ScaledBundle.Write(_source.Folder, _target, copies: 3);

        var original = BundleReader.Read(_source.Folder);
        var data = BundleReader.Read(_target);
        data.Awards.Should().HaveCount(SmallBundle.Awards * 3);
        data.Awards.Where(a => a.ImdbId == ScaledBundle.CopyId(1, 0)).Select(a => a with { ImdbId = "tt0000001" })
            .Should().BeEquivalentTo(original.Awards.Where(a => a.ImdbId == "tt0000001"));
        data.Credits.Should().HaveCount(SmallBundle.Credits * 3);
        data.Memberships.Should().BeEquivalentTo(original.Memberships);
        data.Lists.Should().BeEquivalentTo(original.Lists);
    }

    public void Dispose()
    {
        _source.Dispose();
        Directory.Delete(_target, recursive: true);
    }
}
