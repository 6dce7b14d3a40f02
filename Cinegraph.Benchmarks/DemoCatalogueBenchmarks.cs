using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cinegraph.Core.Catalog;

namespace Cinegraph.Benchmarks;

/// <summary>
/// Generation of the demo catalogue at the sizes the scale benchmarks use: time and allocated memory per catalogue.
/// Goal for 1,000,000 films: well under 20 s. The peak working set is measured by <c>-- peak-demo 1000000</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class DemoCatalogueBenchmarks
{
    [Params(10_000, 100_000, 1_000_000)]
    public int Films { get; set; }

    [Benchmark(Description = "DemoCatalogue.Generate")]
    public BundleData Generate() => DemoCatalogue.Generate(Films);
}
