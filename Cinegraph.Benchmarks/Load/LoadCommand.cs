using System.Diagnostics;
using System.Globalization;

namespace Cinegraph.Benchmarks.Load;

/// <summary>
/// The page-load benchmark of issue 8: publishes (or takes) the app and the bare reference page, imports the real
/// bundle (and a catalogue <c>copies</c>× as large) into temp SQLite files, warms the cache through the admin API,
/// then measures the predictions page against the bare page side by side (<see cref="LoadMeasurements"/>).
/// </summary>
public static class LoadCommand
{
    public const string PagePath = "/predictions?decade=2020&profile=balanced";
    public const string LargePagePath = "/predictions?decade=2010&profile=balanced";
    public const string BarePath = "/bare";
    private const string AdminPassword = "load-benchmark-password";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = LoadOptions.Parse(args);
        var root = BenchmarkPaths.RepositoryRoot();
        var bundle = BenchmarkPaths.BundleFolder();
        var work = Directory.CreateTempSubdirectory("cinegraph-load-").FullName;
        Console.WriteLine($"work folder {work}; bundle {bundle}");
        var appDll = Path.Combine(options.AppFolder ?? await PublishAsync(root, "Cinegraph.Web", work, cancellationToken), "Cinegraph.Web.dll");
        var bareDll = Path.Combine(options.BareFolder ?? await PublishAsync(root, "Cinegraph.Benchmarks.BarePage", work, cancellationToken), "Cinegraph.Benchmarks.BarePage.dll");

        var realEnvironment = AppEnvironment(Path.Combine(work, "real.db"));
        await TimedAsync("import the real bundle", () => ServerProcess.RunToEndAsync(appDll, realEnvironment, ["import", bundle], cancellationToken));
        await using var app = await ServerProcess.StartAsync(appDll, realEnvironment, "/health/ready", Path.Combine(work, "app.log"), cancellationToken);
        await using var bare = await ServerProcess.StartAsync(bareDll, new Dictionary<string, string>(), BarePath, Path.Combine(work, "bare.log"), cancellationToken);
        using var admin = new AdminApi(app.BaseUrl);
        await admin.SignInAsync("admin", AdminPassword, cancellationToken);
        await TimedAsync("refresh Balanced (real catalogue)", () => admin.RefreshAsync("balanced", cancellationToken));

        var measurements = new LoadMeasurements(TimeSpan.FromSeconds(options.Seconds), options.Rounds, cancellationToken);
        await measurements.CheckRowsAsync(app.BaseUrl + PagePath, bare.BaseUrl + BarePath);
        if (!options.SkipPages)
        {
            await measurements.PageAgainstBareAsync(app.BaseUrl + PagePath, bare.BaseUrl + BarePath);
            await measurements.BreakdownAsync(app.BaseUrl, PagePath, bare.BaseUrl + BarePath);
            await measurements.ApiDuringRefreshAllAsync(app.BaseUrl, admin);
        }

        if (!options.SkipLarge)
        {
            var largeBundle = Path.Combine(work, "bundle-x" + options.Copies.ToString(CultureInfo.InvariantCulture));
            await TimedAsync($"write the {options.Copies}× bundle", () => Task.Run(() => ScaledBundle.Write(bundle, largeBundle, options.Copies), cancellationToken));
            var largeEnvironment = AppEnvironment(Path.Combine(work, "large.db"));
            await TimedAsync($"import the {options.Copies}× bundle", () => ServerProcess.RunToEndAsync(appDll, largeEnvironment, ["import", largeBundle], cancellationToken));
            await using var large = await ServerProcess.StartAsync(appDll, largeEnvironment, "/health/ready", Path.Combine(work, "large.log"), cancellationToken);
            using var largeAdmin = new AdminApi(large.BaseUrl);
            await largeAdmin.SignInAsync("admin", AdminPassword, cancellationToken);
            await TimedAsync($"refresh Balanced ({options.Copies}× catalogue)", () => largeAdmin.RefreshAsync("balanced", cancellationToken));
            await measurements.CheckRowsAsync(large.BaseUrl + LargePagePath, app.BaseUrl + LargePagePath);
            await measurements.LargeAgainstRealAsync(large.BaseUrl + LargePagePath, app.BaseUrl + LargePagePath, options.Copies);
        }

        if (!options.SkipMemory)
        {
            await measurements.MemoryAsync(app, PagePath, bare, BarePath, options.Pages, root, work);
        }

        // Kept when a step failed (the apps' logs are there) or when asked (the gcdump files are there); the catalogues
        // and their databases take about 200 MB.
        if (!options.Keep)
        {
            Directory.Delete(work, recursive: true);
        }
        return 0;
    }

    private static Dictionary<string, string> AppEnvironment(string database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Cinegraph"] = "Data Source=" + database,
        ["Admin__Password"] = AdminPassword,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    internal static async Task<string> PublishAsync(string root, string project, string work, CancellationToken cancellationToken)
    {
        var output = Path.Combine(work, "publish", project);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        await TimedAsync($"publish {project}", async () =>
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
            var text = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish {project} failed:\n{await text}\n{await error}");
            }
        });
        return output;
    }

    private static async Task TimedAsync(string what, Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {watch.Elapsed.TotalSeconds:F1} s"));
    }
}
