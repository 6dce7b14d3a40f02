using Cinegraph.Benchmarks.Load;

namespace Cinegraph.Tests.Benchmarks;

public sealed class WrkResultTests
{
    private const string WithErrors = """
        Running 10s test @ http://127.0.0.1:5391/predictions?decade=2020&profile=balanced
          2 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.70s   312.11ms   2.50s    70.00%
            Req/Sec    19.50     10.20    50.00     65.00%
          Latency Distribution
             50%    1.70s
             75%    1.90s
             90%    2.20s
             99%    2.50s
          380 requests in 10.01s, 61.20MB read
          Socket errors: connect 0, read 3, write 0, timeout 7
          Non-2xx or 3xx responses: 2
        Requests/sec:     37.96
        Transfer/sec:      6.11MB
        """;

    private const string Clean = """
        Running 10s test @ http://127.0.0.1:5392/bare
          1 threads and 1 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     6.10ms  820.00us  15.00ms   90.00%
            Req/Sec   164.00     12.00   180.00     80.00%
          Latency Distribution
             50%    6.00ms
             75%    6.40ms
             90%    7.00ms
             99%  950.00us
          1640 requests in 10.00s, 90.00MB read
        Requests/sec:    163.95
        Transfer/sec:      9.00MB
        """;

    [Fact]
    public void ReadsPercentilesInMillisecondsWhateverUnitWrkPrints()
    {
        var result = WrkResult.Parse(WithErrors);

        result.P50Ms.Should().Be(1700);
        result.P99Ms.Should().Be(2500);
        WrkResult.Parse(Clean).P50Ms.Should().Be(6.0);
        WrkResult.Parse(Clean).P99Ms.Should().Be(0.95);
    }

    [Fact]
    public void CountsSocketErrorsAndNonSuccessResponsesAsErrors()
    {
        var result = WrkResult.Parse(WithErrors);

        result.Errors.Should().Be(12);
        result.Requests.Should().Be(380);
        result.RequestsPerSecond.Should().Be(37.96);
        WrkResult.Parse(Clean).Errors.Should().Be(0);
    }

    [Fact]
    public void RefusesOutputWithoutTheLatencyDistribution()
    {
        var withoutLatency = string.Join('\n', Clean.Split('\n').Where(l => !l.Contains('%', StringComparison.Ordinal) || l.Contains("Stdev", StringComparison.Ordinal)));

        var parse = () => WrkResult.Parse(withoutLatency);

        parse.Should().Throw<FormatException>().WithMessage("*--latency*");
    }
}
