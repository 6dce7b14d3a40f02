using System.Diagnostics;
using System.Globalization;

namespace Cinegraph.Benchmarks.Load;

/// <summary>
/// The figures of issue 8, each printed with its ratio and goal. Two pages are compared in interleaved rounds (A, B,
/// A, B…) so that drift of a shared machine falls on both; a figure is the median over the rounds, and a ratio the
/// median of the rounds' ratios (each round's A and B ran back to back, under about the same load).
/// </summary>
public sealed class LoadMeasurements(TimeSpan duration, int rounds, CancellationToken cancellationToken)
{
    /// <summary>Issue 8's goals against the bare page: 1 connection p50 at most this ratio…</summary>
    internal const double MaxP50Ratio = 1.5;

    /// <summary>…and 8 or 64 connections' throughput at least this ratio, with no errors.</summary>
    internal const double MinThroughputRatio = 0.67;

    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_largeWarmUp = TimeSpan.FromSeconds(30);

    /// <summary>Fails unless every page shows 100 film links (so a broken or empty page is never measured).</summary>
    public async Task CheckRowsAsync(params string[] urls)
    {
        using var client = new HttpClient();
        foreach (var url in urls)
        {
            var html = await client.GetStringAsync(new Uri(url), cancellationToken);
            var rows = CountOf(html, "data-testid=\"film-link\"");
            Print($"{url}: {rows} rows, {html.Length:N0} characters of HTML");
            if (rows != 100)
            {
                throw new InvalidOperationException($"{url} shows {rows} film links, not 100");
            }
        }
    }

    /// <summary>The predictions page (A) against the bare page (B) at 1, 8 and 64 connections.</summary>
    public async Task PageAgainstBareAsync(string page, string bare)
    {
        await WarmAsync(page, bare);
        Print("| connections | page p50 | page p99 | page req/s | page errors | bare p50 | bare p99 | bare req/s | bare errors | p50 ratio | throughput ratio |");
        Print("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var connections in new[] { 1, 8, 64 })
        {
            var (a, b, p50Ratio, throughputRatio) = await InterleavedAsync(page, bare, connections);
            Print($"| {connections} | {a.P50Ms:F1} ms | {a.P99Ms:F1} ms | {a.RequestsPerSecond:F1} | {a.Errors} | {b.P50Ms:F1} ms | {b.P99Ms:F1} ms | {b.RequestsPerSecond:F1} | {b.Errors} | {p50Ratio:F2}× | {throughputRatio:F2}× |");
            Print(connections == 1
                ? Verdict($"1 connection: p50 {p50Ratio:F2}× the bare page's (goal ≤ {MaxP50Ratio}×)", p50Ratio <= MaxP50Ratio)
                : Verdict($"{connections} connections: throughput {throughputRatio:F2}× the bare page's (goal ≥ {MinThroughputRatio}×), {a.Errors} errors (goal 0)", throughputRatio >= MinThroughputRatio && a.Errors == 0));
        }
    }

    /// <summary>
    /// Where a 1-connection view's server time goes, from outside the app (no timer in it): in interleaved rounds, the
    /// bare page, the predictions page, the same app's not-found page for an unknown decade (the layout, router and
    /// circuit markers with no read and no table) and <c>GET /api/predictions?limit=100</c> (the read and 100 entries
    /// as JSON, no rendering). Page − not-found ≈ the page's read and content; not-found − bare ≈ the app's layout.
    /// </summary>
    public async Task BreakdownAsync(string baseUrl, string pagePath, string bare)
    {
        var parts = new (string Name, string Url)[]
        {
            ("bare page", bare),
            ("predictions page", baseUrl + pagePath),
            ("not-found page (layout only)", baseUrl + "/predictions?decade=1000"),
            ("API, 100 entries as JSON", baseUrl + "/api/predictions?decade=2020&profile=balanced&limit=100"),
        };
        await WarmAsync(parts.Select(p => p.Url).ToArray());
        var results = parts.Select(_ => new List<WrkResult>()).ToArray();
        for (var round = 1; round <= rounds; round++)
        {
            for (var i = 0; i < parts.Length; i++)
            {
                results[i].Add(await Wrk.RunAsync(parts[i].Url, 1, duration, cancellationToken));
            }

            Print($"  breakdown round {round}, load {LoadAverage()}: " + string.Join("; ", parts.Select((p, i) => FormattableString.Invariant($"{p.Name} p50 {results[i][^1].P50Ms:F2} ms"))));
        }

        Print("| 1 connection | p50 (median of rounds) | p99 | req/s | ratio to the bare page (median of rounds) |");
        Print("|---|---|---|---|---|");
        for (var i = 0; i < parts.Length; i++)
        {
            var median = Median(results[i]);
            var ratio = MedianOf(results[i].Zip(results[0]).Select(r => r.First.P50Ms / r.Second.P50Ms));
            Print($"| {parts[i].Name} | {median.P50Ms:F2} ms | {median.P99Ms:F2} ms | {median.RequestsPerSecond:F1} | {ratio:F2}× |");
        }
    }

    /// <summary><c>GET /api/predictions</c> at 64 connections, quiet and while a refresh of every profile runs.</summary>
    public async Task ApiDuringRefreshAllAsync(string baseUrl, AdminApi admin)
    {
        var api = baseUrl + "/api/predictions?decade=2020&profile=balanced&limit=100";
        await Wrk.RunAsync(api, 8, s_warmUp, cancellationToken);
        var quiet = await Wrk.RunAsync(api, 64, duration, cancellationToken);
        Print($"API, 64 connections, no refresh: p50 {quiet.P50Ms:F1} ms, p99 {quiet.P99Ms:F1} ms, {quiet.RequestsPerSecond:F0} req/s, {quiet.Errors} errors");

        var watch = Stopwatch.StartNew();
        var jobs = await admin.RefreshAllAsync(cancellationToken);
        var load = Wrk.RunAsync(api, 64, duration, cancellationToken);
        foreach (var job in jobs)
        {
            await admin.WaitAsync(job, cancellationToken);
        }

        var refresh = watch.Elapsed;
        var busy = await load;
        Print($"API, 64 connections, during refresh/all ({jobs.Count} jobs, done after {refresh.TotalSeconds:F1} s of the {duration.TotalSeconds:F0} s run): p50 {busy.P50Ms:F1} ms, p99 {busy.P99Ms:F1} ms, {busy.RequestsPerSecond:F0} req/s, {busy.Errors} errors");
        if (refresh < duration)
        {
            Print("  note: the refresh ended before the wrk run; the p99 covers part of the run without a refresh");
        }

        Print(Verdict($"API p99 during refresh {busy.P99Ms:F1} ms (goal < 100 ms)", busy.P99Ms < 100 && busy.Errors == 0));
    }

    /// <summary>The same page on a catalogue <paramref name="copies"/>× the real one (A) and on the real one (B), 1 connection.</summary>
    public async Task LargeAgainstRealAsync(string large, string real, int copies)
    {
        // The real catalogue's app has served the earlier steps; the large one was just started. Warm it longer, so
        // the two differ in their catalogue and not in how far the tiered JIT got.
        await Wrk.RunAsync(large, 8, s_largeWarmUp, cancellationToken);
        await WarmAsync(large, real);
        var (a, b, p50Ratio, _) = await InterleavedAsync(large, real, 1);
        Print($"2010s page, 1 connection: {copies}× catalogue p50 {a.P50Ms:F1} ms (p99 {a.P99Ms:F1}), real catalogue p50 {b.P50Ms:F1} ms (p99 {b.P99Ms:F1})");
        Print(Verdict($"{copies}× catalogue: p50 {p50Ratio:F2}× the real catalogue's (goal ≤ 1.1×)", p50Ratio <= 1.1));
    }

    /// <summary>Managed heap and RSS per open page, for the predictions page and for the bare page.</summary>
    public async Task MemoryAsync(ServerProcess app, string pagePath, ServerProcess bare, string barePath, int pages, string repositoryRoot, string dumps)
    {
        foreach (var (name, server, path) in new[] { ("predictions page", app, pagePath), ("bare page", bare, barePath) })
        {
            var result = await CircuitMemory.MeasureAsync(server, path, pages, repositoryRoot, dumps, cancellationToken);
            Print($"{name}, {result.Pages} open pages: live managed heap {result.HeapBeforeBytes / 1048576.0:F1} → {result.HeapAfterBytes / 1048576.0:F1} MiB " +
                  $"= {result.HeapPerPageKiB:F0} KiB per page; RSS {result.RssBeforeBytes / 1048576.0:F0} → {result.RssAfterBytes / 1048576.0:F0} MiB = {result.RssPerPageMiB:F2} MiB per page");
            if (server == app)
            {
                Print(Verdict($"managed heap per open circuit {result.HeapPerPageKiB:F0} KiB (goal ≤ 500 KiB)", result.HeapPerPageKiB <= 500));
            }

            Print($"  types that grew most, per page ({name}):");
            foreach (var row in result.GrowthPerPage)
            {
                Print($"  {row.Bytes,10:N0} B {row.Count,7:N0}  {row.Type}");
            }
        }
    }

    private async Task WarmAsync(params string[] urls)
    {
        foreach (var url in urls)
        {
            await Wrk.RunAsync(url, 8, s_warmUp, cancellationToken);
        }
    }

    private async Task<(WrkResult A, WrkResult B, double P50Ratio, double ThroughputRatio)> InterleavedAsync(string a, string b, int connections)
    {
        var resultsA = new List<WrkResult>();
        var resultsB = new List<WrkResult>();
        for (var round = 1; round <= rounds; round++)
        {
            resultsA.Add(await Wrk.RunAsync(a, connections, duration, cancellationToken));
            resultsB.Add(await Wrk.RunAsync(b, connections, duration, cancellationToken));
            Print($"  round {round}, {connections} connection(s), load {LoadAverage()}: A p50 {resultsA[^1].P50Ms:F1} ms p99 {resultsA[^1].P99Ms:F1} ms {resultsA[^1].RequestsPerSecond:F1} req/s {resultsA[^1].Errors} errors; B p50 {resultsB[^1].P50Ms:F1} ms p99 {resultsB[^1].P99Ms:F1} ms {resultsB[^1].RequestsPerSecond:F1} req/s {resultsB[^1].Errors} errors");
        }

        var pairs = resultsA.Zip(resultsB).ToList();
        return (Median(resultsA), Median(resultsB), MedianOf(pairs.Select(r => r.First.P50Ms / r.Second.P50Ms)),
            MedianOf(pairs.Select(r => r.First.RequestsPerSecond / r.Second.RequestsPerSecond)));
    }

    /// <summary>The median of each figure over the rounds; requests and errors are summed.</summary>
    private static WrkResult Median(List<WrkResult> results) => new(
        MedianOf(results.Select(r => r.P50Ms)), MedianOf(results.Select(r => r.P99Ms)), MedianOf(results.Select(r => r.RequestsPerSecond)),
        results.Sum(r => r.Requests), results.Sum(r => r.Errors));

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The machine's load averages (1, 5, 15 min) as <c>/proc/loadavg</c> gives them, for the printed figures.</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>A figure's line prefixed with whether it met its goal.</summary>
    internal static string Verdict(string text, bool met) => (met ? "MET     " : "NOT MET ") + text;

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private static void Print(string line) => Console.WriteLine(line);
}
