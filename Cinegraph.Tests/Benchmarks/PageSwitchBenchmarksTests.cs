using System.Reflection;
using Cinegraph.Benchmarks;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Benchmarks;

public sealed class PageSwitchBenchmarksTests
{
    [Fact]
    public void ReadsThroughThePagesOwnReadModelInsteadOfReimplementingIt()
    {
        var held = typeof(PageSwitchBenchmarks)
            .GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Select(f => Nullable.GetUnderlyingType(f.FieldType) ?? f.FieldType)
            .ToList();

        held.Should().Contain(typeof(PredictionsPageQuery));
        held.Should().NotContain([typeof(ProfileService), typeof(PredictionsCache), typeof(CatalogService), typeof(RefreshManager)],
            "the benchmark measures the page's read, not a copy of it made of the services it calls");
    }
}
