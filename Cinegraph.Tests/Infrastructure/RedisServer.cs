using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cinegraph.Tests.Infrastructure;

/// <summary>
/// A throwaway <c>redis-server</c> (Debian's package; <c>./test.sh</c> installs it) on a free loopback port, without
/// persistence, stopped on dispose. Without the program a test that needs it is skipped, except under CI where it fails.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    /// <summary>Where the program is looked for; <c>CINEGRAPH_REDIS_SERVER</c> names another.</summary>
    public const string DefaultPath = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},abortConnect=false");

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        var program = Environment.GetEnvironmentVariable("CINEGRAPH_REDIS_SERVER") is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(program))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"redis-server is not installed at {program} under CI: run the tests through ./test.sh.");
            }

            Assert.Skip($"Redis test skipped: redis-server is not installed at {program} (apt-get install redis-server; ./test.sh does it).");
        }

        var port = FreePort();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        try
        {
            await Cinegraph.Tests.Jobs.Eventually.UntilAsync(server.PingAsync, pong => pong || process.HasExited, "redis-server to answer PING");
            return process.HasExited ? throw new InvalidOperationException($"redis-server exited with {process.ExitCode}.") : server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command in Redis's inline form and returns the raw reply.</summary>
    public async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            return (await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
