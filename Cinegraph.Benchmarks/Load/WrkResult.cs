using System.Globalization;
using System.Text.RegularExpressions;

namespace Cinegraph.Benchmarks.Load;

/// <summary>What one wrk run measured: latency percentiles (from <c>--latency</c>), requests/s and every kind of error.</summary>
public sealed partial record WrkResult(double P50Ms, double P99Ms, double RequestsPerSecond, long Requests, long Errors)
{
    private static readonly string[] s_socketErrorKinds = ["connect", "read", "write", "timeout"];

    /// <summary>Parses wrk 4's text output (run with <c>--latency</c>). Socket errors and non-2xx/3xx responses both count as errors.</summary>
    public static WrkResult Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var p50 = Percentile(output, "50");
        var p99 = Percentile(output, "99");
        var rate = Number(Required(output, RateLine()).Groups["value"].Value);
        var requests = long.Parse(Required(output, RequestsLine()).Groups["count"].Value, CultureInfo.InvariantCulture);
        long errors = 0;
        if (SocketErrors().Match(output) is { Success: true } socket)
        {
            errors += s_socketErrorKinds.Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture));
        }

        if (NonSuccess().Match(output) is { Success: true } status)
        {
            errors += long.Parse(status.Groups["count"].Value, CultureInfo.InvariantCulture);
        }

        return new WrkResult(p50, p99, rate, requests, errors);
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s*{percent}(\.0+)?%\s+(?<value>[0-9.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            throw new FormatException($"wrk output has no {percent}% latency line (was it run with --latency?):\n{output}");
        }

        var value = Number(match.Groups["value"].Value);
        return match.Groups["unit"].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    private static Match Required(string output, Regex pattern) =>
        pattern.Match(output) is { Success: true } match ? match : throw new FormatException($"wrk output does not match {pattern}:\n{output}");

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Requests/sec:\s+(?<value>[0-9.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"^\s*(?<count>[0-9]+) requests in ", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Socket errors: connect (?<connect>[0-9]+), read (?<read>[0-9]+), write (?<write>[0-9]+), timeout (?<timeout>[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<count>[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NonSuccess();
}
