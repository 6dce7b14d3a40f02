using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cinegraph.Tests.Infrastructure;

/// <summary>
/// A private throwaway PostgreSQL cluster for a test that stops and starts the server (never the shared one): made with
/// <c>initdb</c> in a temp folder, run with <c>pg_ctl</c> on a free loopback port, removed on dispose. The binaries are
/// found as <c>./test.sh</c> finds them (the newest <c>/usr/lib/postgresql/*/bin</c>, Debian's layout); as root the
/// cluster belongs to the <c>postgres</c> OS user (<c>runuser</c>), since <c>initdb</c> refuses root. Without the
/// binaries the test is skipped, except under CI where it fails.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly string[] s_programs = ["initdb", "pg_ctl", "postgres"];

    private readonly string _bin;
    private readonly string _folder;
    private bool _running;

    private PostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to the cluster's <c>postgres</c> database, as <c>CINEGRAPH_TEST_POSTGRES</c> would be.</summary>
    public string ServerConnectionString =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres");

    private string DataFolder => Path.Combine(_folder, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest installed server's binary folder, or null.</summary>
    public static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => s_programs.All(program => File.Exists(Path.Combine(bin, program))))
                .OrderByDescending(bin => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : new Version(0, 0))
                .FirstOrDefault()
            : null;

    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken)
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            Skip("the PostgreSQL server binaries are not under /usr/lib/postgresql/*/bin (apt-get install postgresql; ./test.sh does it)");
        }

        if (IsRoot && !await SucceedsAsync("id", ["postgres"], cancellationToken))
        {
            Skip("running as root, and there is no 'postgres' OS user to own the cluster (initdb refuses root)");
        }

        var folder = Directory.CreateTempSubdirectory("cinegraph-pg-restart.").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var cluster = new PostgresCluster(bin!, folder, FreePort());
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", folder], cancellationToken);
            }

            await cluster.RunAsPostgresAsync(
                "initdb", ["-D", cluster.DataFolder, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"], cancellationToken);
            await cluster.StartServerAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server the way an operator restarting it would (<c>pg_ctl stop -m fast</c>: sessions are ended).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await RunAsPostgresAsync("pg_ctl", ["stop", "-D", DataFolder, "-m", "fast", "-w", "-t", "60", "-s"], cancellationToken);
        _running = false;
    }

    /// <summary>Starts the server again on the same port; the pooled connections of this process, which died with the server, are dropped.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StartServerAsync(cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                await RunAsPostgresAsync("pg_ctl", ["stop", "-D", DataFolder, "-m", "immediate", "-s"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // The folder goes below anyway; a server left behind would have lost its data folder.
            }
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var options = string.Create(
            CultureInfo.InvariantCulture,
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await RunAsPostgresAsync(
            "pg_ctl", ["start", "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-s", "-o", options], cancellationToken);
        _running = true;
    }

    private Task RunAsPostgresAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments], cancellationToken)
            : RunAsync(Path.Combine(_bin, program), arguments, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ExecuteAsync(program, arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {exitCode}: {output}");
        }
    }

    private static async Task<bool> SucceedsAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        (await ExecuteAsync(program, arguments, cancellationToken)).ExitCode == 0;

    private static async Task<(int ExitCode, string Output)> ExecuteAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static void Skip(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"PostgreSQL restart test cannot run under CI: {reason}.");
        }

        Assert.Skip($"PostgreSQL restart test skipped: {reason}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
