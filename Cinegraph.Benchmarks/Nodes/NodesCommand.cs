using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cinegraph.Benchmarks.Load;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Cinegraph.Benchmarks.Nodes;

/// <summary>
/// The several-nodes figures of issue 9: two published app processes with default settings on a fresh PostgreSQL
/// database holding the real bundle. <b>Push</b>: a refresh runs on node B; a hub client on B and one on A record when
/// <c>RefreshCompleted</c> arrives, and an open page of the profile on A (<see cref="PageWatch"/>) when it shows the new
/// calculation; the figures are A's hub client and A's page, each minus B's hub client. <b>Rescue</b>:
/// the node running a refresh is killed with SIGKILL once the job has written a decade; the figures are the time from
/// the kill to the other node's claim and to the job's completion, beside the same refresh run without a kill.
/// <b>Pages</b>: issue 8's page figures on each node while the other node refreshes every profile, against the bare
/// page (<see cref="NodePagesMeasurement"/>). <c>nodes [--app DIR] [--bare DIR] [--postgres CONNECTION] [--rounds N]
/// [--kills N] [--page-seconds N]</c> (0 skips a part; the folders are published apps); the server defaults to
/// <c>CINEGRAPH_TEST_POSTGRES</c>.
/// </summary>
public static class NodesCommand
{
    private const string AdminPassword = "nodes-benchmark-password";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        string? app = null;
        string? bare = null;
        var server = Environment.GetEnvironmentVariable("CINEGRAPH_TEST_POSTGRES");
        var rounds = 40;
        var kills = 5;
        var pageSeconds = 20;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
            switch (args[i])
            {
                case "--app": app = Path.GetFullPath(Value()); break;
                case "--bare": bare = Path.GetFullPath(Value()); break;
                case "--postgres": server = Value(); break;
                case "--rounds": rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--kills": kills = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--page-seconds": pageSeconds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; see Cinegraph.Benchmarks/Nodes/NodesCommand.cs");
            }
        }

        if (string.IsNullOrEmpty(server))
        {
            throw new ArgumentException("Give a PostgreSQL server with --postgres or CINEGRAPH_TEST_POSTGRES.");
        }

        var work = Directory.CreateTempSubdirectory("cinegraph-nodes-").FullName;
        Console.WriteLine($"work folder {work}");
        var dll = Path.Combine(app ?? await LoadCommand.PublishAsync(BenchmarkPaths.RepositoryRoot(), "Cinegraph.Web", work, cancellationToken), "Cinegraph.Web.dll");
        var database = $"cg_bench_{Guid.NewGuid():N}";
        await AdminSqlAsync(server, $"CREATE DATABASE \"{database}\"", cancellationToken);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Cinegraph"] = connection,
                ["Admin__Password"] = AdminPassword,
                ["Auth__RefreshLimit"] = "10000",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            await ServerProcess.RunToEndAsync(dll, environment, ["import", BenchmarkPaths.BundleFolder()], cancellationToken);
            var nodes = new[]
            {
                await ServerProcess.StartAsync(dll, environment, "/health/ready", Path.Combine(work, "node-0.log"), cancellationToken),
                await ServerProcess.StartAsync(dll, environment, "/health/ready", Path.Combine(work, "node-1.log"), cancellationToken),
            };
            try
            {
                if (rounds > 0)
                {
                    await PushAsync(nodes[0], nodes[1], rounds, cancellationToken);
                }

                await RescueAsync(nodes, dll, environment, work, connection, kills, cancellationToken);
                if (pageSeconds > 0)
                {
                    var bareDll = Path.Combine(bare ?? await LoadCommand.PublishAsync(BenchmarkPaths.RepositoryRoot(), "Cinegraph.Benchmarks.BarePage", work, cancellationToken), "Cinegraph.Benchmarks.BarePage.dll");
                    await using var barePage = await ServerProcess.StartAsync(bareDll, new Dictionary<string, string>(), LoadCommand.BarePath, Path.Combine(work, "bare.log"), cancellationToken);
                    var pages = new NodePagesMeasurement(dll, environment, work, AdminPassword, barePage.BaseUrl + LoadCommand.BarePath, TimeSpan.FromSeconds(pageSeconds), cancellationToken);
                    await pages.RunAsync(nodes);
                }
            }
            finally
            {
                foreach (var node in nodes)
                {
                    await node.DisposeAsync();
                }
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminSqlAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", cancellationToken);
        }

        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>
    /// Refreshes of the 2020s queued and run on <paramref name="b"/>; how much later A's hub client hears of each than
    /// B's, and how much later the open predictions page of that profile on A shows the new calculation (the issue's
    /// figure: from <c>RefreshCompleted</c> on B to the page on A re-rendered).
    /// </summary>
    private static async Task PushAsync(ServerProcess a, ServerProcess b, int rounds, CancellationToken cancellationToken)
    {
        using var adminB = await SignInAsync(b, cancellationToken);
        var heardOnA = new Dictionary<long, long>();
        var heardOnB = new Dictionary<long, long>();
        await using var hubA = await ListenAsync(a, heardOnA, cancellationToken);
        await using var hubB = await ListenAsync(b, heardOnB, cancellationToken);
        var profiles = new[] { "balanced", "award-winner", "critics-choice", "crowd-pleaser", "cult-classic" };
        await using var pagesOnA = await PageWatch.OpenAsync(a.BaseUrl, 2020, profiles);
        var hubLags = new List<double>();
        var pageLags = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var profile = profiles[round % profiles.Length];
            var changesBefore = pagesOnA.Count(profile);
            var job = await QueueAsync(adminB, profile, decades: [2020], cancellationToken);
            var deadline = Stopwatch.StartNew();
            while (!Heard(heardOnA, job, out _) || !Heard(heardOnB, job, out _) || !pagesOnA.Changed(profile, changesBefore, out _))
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException($"Job {job}: RefreshCompleted did not reach both hub clients, or the {profile} page on A did not change");
                }

                await Task.Delay(5, cancellationToken);
            }

            Heard(heardOnA, job, out var onA);
            Heard(heardOnB, job, out var onB);
            pagesOnA.Changed(profile, changesBefore, out var pageOnA);
            hubLags.Add(Stopwatch.GetElapsedTime(onB, onA).TotalMilliseconds);
            pageLags.Add(Stopwatch.GetElapsedTime(onB, pageOnA).TotalMilliseconds);
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"push B→A: {hubLags.Count} refreshes; RefreshCompleted on A's hub client after B's: p50 {Percentile(hubLags, 0.50):F1} ms, p95 {Percentile(hubLags, 0.95):F1} ms, max {hubLags.Max():F1} ms"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"push B→A: the page on A (Chromium) showed the new calculation after B's hub client heard RefreshCompleted: p50 {Percentile(pageLags, 0.50):F1} ms, p95 {Percentile(pageLags, 0.95):F1} ms, max {pageLags.Max():F1} ms (goal p95 ≤ 500 ms)"));
    }

    /// <summary>Kills the node running a full refresh mid-job, <paramref name="kills"/> times; restarts it each time.</summary>
    private static async Task RescueAsync(
        ServerProcess[] nodes, string dll, Dictionary<string, string> environment, string work, string connection, int kills, CancellationToken cancellationToken)
    {
        using (var admin = await SignInAsync(nodes[0], cancellationToken))
        {
            var plain = Stopwatch.StartNew();
            var job = await QueueAsync(admin, "balanced", decades: null, cancellationToken);
            await UntilAsync(connection, job, row => row.State == "completed", cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference: the same refresh without a kill, queued to completed: {plain.Elapsed.TotalSeconds:F2} s"));
        }

        for (var kill = 0; kill < kills; kill++)
        {
            long job;
            using (var admin = await SignInAsync(nodes[kill % 2], cancellationToken))
            {
                job = await QueueAsync(admin, "balanced", decades: null, cancellationToken);
            }

            var running = await UntilAsync(connection, job, row => row.State == "executing" && row.Done >= 2 || row.State == "completed", cancellationToken);
            if (running.State == "completed")
            {
                Console.WriteLine($"kill {kill + 1}: the job completed before it could be killed; skipped");
                continue;
            }

            var victim = Array.FindIndex(nodes, n => running.AttemptedBy.EndsWith(":" + n.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            await nodes[victim].KillAsync();
            var killed = Stopwatch.StartNew();
            var claimed = await UntilAsync(connection, job, row => row.Attempt == 2, cancellationToken);
            var claimedAfter = killed.Elapsed;
            var completed = await UntilAsync(connection, job, row => row.State is "completed" or "discarded" or "cancelled", cancellationToken);
            var completedAfter = killed.Elapsed;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"kill {kill + 1}: {running.AttemptedBy} killed at decade step {running.Done}; claimed by {claimed.AttemptedBy} after {claimedAfter.TotalSeconds:F2} s, {completed.State} after {completedAfter.TotalSeconds:F2} s"));

            await nodes[victim].DisposeAsync();
            nodes[victim] = await ServerProcess.StartAsync(dll, environment, "/health/ready", Path.Combine(work, $"node-{victim}-{kill}.log"), cancellationToken);
        }
    }

    private sealed record JobRow(string State, int Attempt, string AttemptedBy, int Done);

    private static async Task<JobRow> UntilAsync(string connection, long job, Func<JobRow, bool> done, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(cancellationToken);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var read = new NpgsqlCommand("SELECT \"State\", \"Attempt\", coalesce(\"AttemptedBy\", ''), \"ProgressDone\" FROM refresh_jobs WHERE \"Id\" = @id", db);
            read.Parameters.AddWithValue("id", job);
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                var row = new JobRow(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3));
                if (done(row))
                {
                    return row;
                }

                if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException($"Job {job} stayed {row}");
                }
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task<HttpClient> SignInAsync(ServerProcess node, CancellationToken cancellationToken)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(node.BaseUrl) };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = AdminPassword }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<long> QueueAsync(HttpClient admin, string profile, int[]? decades, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync("/api/refresh", new { profile, decades }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("job").GetProperty("id").GetInt64();
    }

    private static async Task<HubConnection> ListenAsync(ServerProcess node, Dictionary<long, long> heard, CancellationToken cancellationToken)
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(new Uri(node.BaseUrl), "/hubs/predictions")).Build();
        hub.On<JsonElement>("RefreshCompleted", e =>
        {
            var at = Stopwatch.GetTimestamp();
            lock (heard)
            {
                heard.TryAdd(e.GetProperty("jobId").GetInt64(), at);
            }
        });
        await hub.StartAsync(cancellationToken);
        return hub;
    }

    private static bool Heard(Dictionary<long, long> heard, long job, out long at)
    {
        lock (heard)
        {
            return heard.TryGetValue(job, out at);
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task AdminSqlAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
