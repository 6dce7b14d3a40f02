using System.Diagnostics;
using System.Reflection;
using System.Text;
using Cinegraph.Core.Data;
using Cinegraph.Tests.Infrastructure;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// A refresh worker in another process (the Cinegraph.Tests.JobHost project, built with the tests), so a test can kill
/// it the hard way. Its output is kept for failure messages.
/// </summary>
internal sealed class ChildJobHost : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildJobHost(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a worker named <paramref name="node"/>; with <paramref name="blockAfter"/> its first attempt of a job stops after that many decades.</summary>
    public static ChildJobHost Start(DatabaseProvider provider, string connectionString, string node, int? blockAfter = null)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", HostAssembly(), provider.ToString(), connectionString, node })
        {
            start.ArgumentList.Add(argument);
        }

        if (blockAfter is { } decades)
        {
            start.ArgumentList.Add(decades.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new ChildJobHost(Process.Start(start) ?? throw new InvalidOperationException("The job host did not start."));
    }

    /// <summary>SIGKILL: no shutdown code runs, the job row is left as it was.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string DotnetPath()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return string.IsNullOrEmpty(fromCli) ? "dotnet" : fromCli;
    }

    private static string HostAssembly()
    {
        var configuration = typeof(ChildJobHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(TestPaths.RepoRoot, "Cinegraph.Tests", "JobHost", "bin", configuration, "net10.0", "Cinegraph.Tests.JobHost.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The job host is not built at {path}; the test project references it, so build the tests.");
    }
}
