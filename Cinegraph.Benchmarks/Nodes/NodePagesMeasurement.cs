using System.Diagnostics;
using System.Globalization;
using Cinegraph.Benchmarks.Load;

namespace Cinegraph.Benchmarks.Nodes;

/// <summary>
/// Issue 9's third number: issue 8's page figures (1 connection p50, 8 and 64 connections throughput, each against
/// the bare 100-row page) on each node while the other node refreshes every profile. For each node and each connection
/// count, back to back: the bare page and the node's page while nothing runs, then the node's page while the other node
/// runs refreshes of all profiles one after another for the whole wrk run, then the bare page under the same refreshes.
/// The measured node is restarted with <c>Jobs:PollInterval</c> one hour, so it claims none of the other node's jobs.
/// </summary>
public sealed class NodePagesMeasurement(
    string dll, Dictionary<string, string> environment, string work, string adminPassword, string bareUrl, TimeSpan duration, CancellationToken cancellationToken)
{
    private static readonly int[] s_connections = [1, 8, 64];

    public async Task RunAsync(ServerProcess[] nodes)
    {
        // Every profile's rows first, so the page shows a full table as it would in use.
        await RefreshAllAsync(nodes[0]);
        for (var measured = 0; measured < nodes.Length; measured++)
        {
            await nodes[measured].DisposeAsync();
            var quietNode = new Dictionary<string, string>(environment) { ["Jobs__PollInterval"] = "01:00:00" };
            nodes[measured] = await ServerProcess.StartAsync(dll, quietNode, "/health/ready", Path.Combine(work, $"node-{measured}-pages.log"), cancellationToken);
            await MeasureNodeAsync(measured, nodes[measured], nodes[1 - measured]);
            await nodes[measured].DisposeAsync();
            nodes[measured] = await ServerProcess.StartAsync(dll, environment, "/health/ready", Path.Combine(work, $"node-{measured}-after-pages.log"), cancellationToken);
        }
    }

    private async Task MeasureNodeAsync(int index, ServerProcess node, ServerProcess other)
    {
        var page = node.BaseUrl + LoadCommand.PagePath;
        await Wrk.RunAsync(page, 8, TimeSpan.FromSeconds(5), cancellationToken);
        await Wrk.RunAsync(bareUrl, 8, TimeSpan.FromSeconds(5), cancellationToken);
        Print($"page on node {index} ({LoadCommand.PagePath}), {duration.TotalSeconds:F0} s per run:");
        Console.WriteLine("| connections | bare quiet p50 / p99 / req/s | page quiet | page during the other node's refreshes | bare during them | page during ÷ bare quiet: p50 / req/s | page during ÷ bare during: p50 / req/s | refreshes of all, page run / bare run |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var connections in s_connections)
        {
            var bareQuiet = await Wrk.RunAsync(bareUrl, connections, duration, cancellationToken);
            var pageQuiet = await Wrk.RunAsync(page, connections, duration, cancellationToken);
            var (pageBusy, pageRefreshes) = await WhileRefreshingAsync(other, page, connections);
            var (bareBusy, bareRefreshes) = await WhileRefreshingAsync(other, bareUrl, connections);
            Print($"| {connections} | {Figures(bareQuiet)} | {Figures(pageQuiet)} | {Figures(pageBusy)}, {pageBusy.Errors} errors | {Figures(bareBusy)} | {pageBusy.P50Ms / bareQuiet.P50Ms:F2}× / {pageBusy.RequestsPerSecond / bareQuiet.RequestsPerSecond:F2}× | {pageBusy.P50Ms / bareBusy.P50Ms:F2}× / {pageBusy.RequestsPerSecond / bareBusy.RequestsPerSecond:F2}× | {pageRefreshes} / {bareRefreshes} |");
            var strict = connections == 1 ? pageBusy.P50Ms / bareQuiet.P50Ms : pageBusy.RequestsPerSecond / bareQuiet.RequestsPerSecond;
            Console.WriteLine(connections == 1
                ? LoadMeasurements.Verdict($"node {index}, 1 connection, during the other node's refreshes: p50 {strict:F2}× the quiet bare page's (goal ≤ {LoadMeasurements.MaxP50Ratio}×)", strict <= LoadMeasurements.MaxP50Ratio)
                : LoadMeasurements.Verdict($"node {index}, {connections} connections, during the other node's refreshes: throughput {strict:F2}× the quiet bare page's (goal ≥ {LoadMeasurements.MinThroughputRatio}×), {pageBusy.Errors} errors (goal 0)", strict >= LoadMeasurements.MinThroughputRatio && pageBusy.Errors == 0));
        }
    }

    /// <summary>
    /// Runs wrk on <paramref name="url"/> while <paramref name="other"/> runs refreshes of all profiles back to back,
    /// the first queued just before wrk starts and the last finishing after it ends; returns how many were run.
    /// </summary>
    private async Task<(WrkResult Result, int Refreshes)> WhileRefreshingAsync(ServerProcess other, string url, int connections)
    {
        var wrkDone = false;
        var refreshes = Task.Run(async () =>
        {
            var count = 0;
            while (!Volatile.Read(ref wrkDone))
            {
                await RefreshAllAsync(other);
                count++;
            }

            return count;
        }, cancellationToken);

        // The first refresh's jobs are queued before the load starts (RefreshAllAsync queues, then waits).
        await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        var result = await Wrk.RunAsync(url, connections, duration, cancellationToken);
        Volatile.Write(ref wrkDone, true);
        return (result, await refreshes);
    }

    /// <summary>Queues a refresh of every profile on <paramref name="node"/>, waits for its jobs, and fails if another node ran one.</summary>
    private async Task RefreshAllAsync(ServerProcess node)
    {
        using var admin = new AdminApi(node.BaseUrl);
        await admin.SignInAsync("admin", adminPassword, cancellationToken);
        var watch = Stopwatch.StartNew();
        var jobs = await admin.RefreshAllAsync(cancellationToken);
        foreach (var job in jobs)
        {
            var ranOn = await admin.WaitAsync(job, cancellationToken);
            if (ranOn is not null && !ranOn.EndsWith(":" + node.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Job {job}, queued on {node.BaseUrl} (pid {node.Id}), ran on {ranOn}: the measured node took part");
            }
        }

        Print($"  refresh of all profiles ({jobs.Count} jobs) on node pid {node.Id}: {watch.Elapsed.TotalSeconds:F1} s, load {LoadMeasurements.LoadAverage()}");
    }

    private static string Figures(WrkResult r) => string.Create(CultureInfo.InvariantCulture, $"{r.P50Ms:F1} ms / {r.P99Ms:F1} ms / {r.RequestsPerSecond:F0}");

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
