using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cinegraph.Benchmarks.Load;

/// <summary>
/// Memory per open page: the live managed heap of the app (dotnet-gcdump, a local tool: it induces a full blocking GC
/// and walks the heap) before and after opening <c>pages</c> pages in headless Chromium, each waited for until its
/// circuit rendered (<c>data-interactive="true"</c>), with the types that grew most per page (<see cref="HeapTypes"/>).
/// </summary>
public static partial class CircuitMemory
{
    public sealed record Result(
        int Pages, long HeapBeforeBytes, long HeapAfterBytes, long RssBeforeBytes, long RssAfterBytes, IReadOnlyList<HeapTypes.Row> GrowthPerPage)
    {
        public double HeapPerPageKiB => (HeapAfterBytes - HeapBeforeBytes) / 1024.0 / Pages;

        public double RssPerPageMiB => (RssAfterBytes - RssBeforeBytes) / 1048576.0 / Pages;
    }

    public static async Task<Result> MeasureAsync(ServerProcess app, string path, int pages, string repositoryRoot, string dumps, CancellationToken cancellationToken)
    {
        var name = app.Id.ToString(CultureInfo.InvariantCulture);
        var before = await LiveHeapAsync(app.Id, repositoryRoot, Path.Combine(dumps, name + "-before.gcdump"), cancellationToken);
        var rssBefore = app.ResidentBytes();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var open = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            // One context per page: its own cookies and connection, like separate visitors.
            var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(app.BaseUrl + path);
            await page.Locator("[data-interactive=\"true\"]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
            open.Add(page);
        }

        var after = await LiveHeapAsync(app.Id, repositoryRoot, Path.Combine(dumps, name + "-after.gcdump"), cancellationToken);
        var rssAfter = app.ResidentBytes();
        return new Result(
            open.Count, ParseHeapBytes(before), ParseHeapBytes(after), rssBefore, rssAfter,
            HeapTypes.GrowthPerPage(HeapTypes.Parse(before), HeapTypes.Parse(after), open.Count, top: 25));
    }

    /// <summary>
    /// The heapstat report of the live managed heap after a full GC: <c>dotnet-gcdump collect</c> into
    /// <paramref name="file"/> (kept, for a closer look), then <c>dotnet-gcdump report</c> of that file.
    /// </summary>
    public static async Task<string> LiveHeapAsync(int processId, string repositoryRoot, string file, CancellationToken cancellationToken)
    {
        await GcDumpAsync(repositoryRoot, ["collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", file], cancellationToken);
        return await GcDumpAsync(repositoryRoot, ["report", file], cancellationToken);
    }

    private static async Task<string> GcDumpAsync(string repositoryRoot, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repositoryRoot };
        start.ArgumentList.Add("dotnet-gcdump");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet-gcdump did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-gcdump failed ({process.ExitCode}; run `dotnet tool restore`): {await error}");
        }

        return await output;
    }

    /// <summary>Reads the total of a gcdump heapstat report (its "GC Heap bytes" line).</summary>
    public static long ParseHeapBytes(string report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var match = HeapBytesLine().Match(report);
        return match.Success
            ? long.Parse(match.Groups["bytes"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : throw new FormatException("No 'GC Heap bytes' line in the gcdump report:\n" + report);
    }

    [GeneratedRegex(@"^\s*(?<bytes>[0-9,]+)\s+GC Heap bytes", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HeapBytesLine();
}
