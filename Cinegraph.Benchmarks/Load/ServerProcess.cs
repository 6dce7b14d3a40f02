using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cinegraph.Benchmarks.Load;

/// <summary>A published web app (<c>dotnet X.dll</c>) on a free loopback port, its output in a log file; killed on dispose.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _closed;

    private ServerProcess(Process process, StreamWriter log, string baseUrl, string logFile)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        LogFile = logFile;
    }

    public string BaseUrl { get; }

    public int Id => _process.Id;

    /// <summary>Where the app's standard output and error go.</summary>
    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app and waits until <paramref name="readyPath"/> answers with a success status.</summary>
    public static async Task<ServerProcess> StartAsync(
        string dll, IReadOnlyDictionary<string, string> environment, string readyPath, string logFile, CancellationToken cancellationToken)
    {
        var baseUrl = "http://127.0.0.1:" + FreePort().ToString(CultureInfo.InvariantCulture);
        var start = Command(dll, environment, "--urls", baseUrl);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var server = new ServerProcess(process, log, baseUrl, logFile);
        process.OutputDataReceived += (_, e) => server.Write(e.Data);
        process.ErrorDataReceived += (_, e) => server.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{dll} exited with {process.ExitCode} before it answered; see {logFile}");
            }

            try
            {
                using var response = await client.GetAsync(baseUrl + readyPath, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{dll} did not answer {readyPath} within 2 minutes; see {logFile}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Runs <c>dotnet</c> with the arguments to the end; throws with its output when it fails.</summary>
    public static async Task RunToEndAsync(string dll, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = Command(dll, environment, [.. arguments]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{dll} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    /// <summary>The process's resident set (VmRSS) in bytes.</summary>
    public long ResidentBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>SIGKILL (as <c>kill -9</c>): no shutdown code runs in the app. Returns when the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>What the app wrote so far (its log file).</summary>
    public string Output()
    {
        lock (_log)
        {
            if (!_closed)
            {
                _log.Flush();
            }
        }

        using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private static ProcessStartInfo Command(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private void Write(string? line)
    {
        lock (_log)
        {
            // Lines can still arrive from the killed process's pipes after the log is closed.
            if (line is not null && !_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
