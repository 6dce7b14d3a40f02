using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Cinegraph.Benchmarks.Load;

namespace Cinegraph.Tests.Infrastructure;

/// <summary>
/// One Cinegraph web node as a real process: <c>dotnet Cinegraph.Web.dll</c> from the web project's build output (built
/// with the tests, which reference it), on a free loopback port, on PostgreSQL, with a configured administrator and its
/// own node name (<c>Jobs:Node</c>). <see cref="StartAsync"/> returns once <c>/health/ready</c> answers 200;
/// <see cref="KillAsync"/> is <c>kill -9</c>. The process's output is kept for failure messages.
/// </summary>
internal sealed class AppNode : IAsyncDisposable
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "app-node-test-password-42";

    private readonly ServerProcess _process;

    private AppNode(string name, ServerProcess process)
    {
        Name = name;
        _process = process;
        BaseAddress = new Uri(process.BaseUrl);
    }

    /// <summary>The node's <c>Jobs:Node</c>, written to the jobs it claims (<c>AttemptedBy</c>).</summary>
    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a node on <paramref name="connectionString"/> (a migrated database with a catalogue). <paramref name="settings"/>
    /// are more configuration keys (<c>Jobs:PollInterval</c> …). <paramref name="environment"/> is the ASP.NET Core
    /// environment: from a build output (not a publish), the framework's static files (<c>blazor.web.js</c>) are served in
    /// <c>Development</c> only, so a node a browser opens needs it.
    /// </summary>
    public static async Task<AppNode> StartAsync(
        string name,
        string connectionString,
        IReadOnlyDictionary<string, string>? settings = null,
        string environment = "Production",
        CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Cinegraph"] = connectionString,
            ["Admin__UserName"] = AdminUserName,
            ["Admin__Password"] = AdminPassword,
            ["Jobs__Node"] = name,
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            variables[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = Path.Combine(Path.GetTempPath(), $"cinegraph-node-{name}-{Guid.NewGuid():N}.log");
        var process = await ServerProcess.StartAsync(WebAssembly(), variables, "/health/ready", log, cancellationToken);
        return new AppNode(name, process);
    }

    /// <summary>SIGKILL: no shutdown code runs; its job rows, lease and listening connection are left as they were.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>What the node wrote to its console so far.</summary>
    public string Output() => $"--- node {Name} ({BaseAddress}) ---\n{_process.Output()}";

    /// <summary>A client of this node; signed in as the administrator when <paramref name="signIn"/>.</summary>
    public async Task<HttpClient> ClientAsync(bool signIn, CancellationToken cancellationToken)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        if (signIn)
        {
            using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = AdminUserName, password = AdminPassword }, cancellationToken);
            login.StatusCode.Should().Be(HttpStatusCode.OK, Output());
        }

        return client;
    }

    /// <summary>The sum of a counter in this node's <c>/metrics</c> over the series whose labels contain <paramref name="label"/>.</summary>
    public static async Task<double> CounterAsync(HttpClient admin, string metric, string label, CancellationToken cancellationToken)
    {
        var text = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        return text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The sum over <paramref name="admins"/> (one client per node) of a counter, once it reached at least
    /// <paramref name="atLeast"/>: a job's row is completed a moment before its node counts the attempt.
    /// </summary>
    public static Task<double> CounterSumAsync(IReadOnlyList<HttpClient> admins, string metric, string label, double atLeast, CancellationToken cancellationToken) =>
        Cinegraph.Tests.Jobs.Eventually.UntilAsync(
            async () => (await Task.WhenAll(admins.Select(admin => CounterAsync(admin, metric, label, cancellationToken)))).Sum(),
            sum => sum >= atLeast,
            $"{metric} {label} to reach {atLeast}");

    public async ValueTask DisposeAsync()
    {
        var log = _process.LogFile;
        await _process.DisposeAsync();
        File.Delete(log);
    }

    private static string WebAssembly()
    {
        var configuration = typeof(AppNode).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(TestPaths.RepoRoot, "Cinegraph.Web", "bin", configuration, "net10.0", "Cinegraph.Web.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The web app is not built at {path}; the test project references it, so build the tests.");
    }
}
