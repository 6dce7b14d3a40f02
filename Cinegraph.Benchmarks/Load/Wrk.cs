using System.Diagnostics;
using System.Globalization;

namespace Cinegraph.Benchmarks.Load;

/// <summary>Runs wrk (<c>apt-get install -y wrk</c>) against one URL and parses its <c>--latency</c> report.</summary>
public static class Wrk
{
    public static async Task<WrkResult> RunAsync(string url, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var threads = Math.Min(connections, 2);
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "-t" + threads.ToString(CultureInfo.InvariantCulture),
            "-c" + connections.ToString(CultureInfo.InvariantCulture),
            "-d" + ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s", "--latency", url,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await error}");
        }

        return WrkResult.Parse(await output);
    }
}
