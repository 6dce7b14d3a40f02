using Cinegraph.Core;

namespace Cinegraph.Web.Cli;

/// <summary>
/// Dispatches <c>dotnet run --project Cinegraph.Web -- &lt;command&gt; [arguments] [--Key=Value ...]</c>. A command
/// runs against the same configuration as the web app (appsettings.json, environment variables, <c>--Key=Value</c>
/// overrides) and then exits; no web server is started.
/// </summary>
internal static class CommandLine
{
    public const int ExitSuccess = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    private const string HelpCommand = "help";

    // Every command, in the order the usage text lists them. A new command is one more ICliCommand here.
    private static readonly ICliCommand[] s_commands =
    [
        new ImportCommand(),
        new ValidationReportCommand(),
        new ForecastCommand(),
    ];

    /// <summary>True when the first argument names a command rather than being a host option such as <c>--urls</c>.</summary>
    public static bool IsCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (args.Count > 0 && args[0] == HelpCommand)
        {
            await WriteUsageAsync(output);
            return ExitSuccess;
        }

        var command = args.Count == 0 ? null : s_commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await error.WriteLineAsync(args.Count == 0 ? "error: no command given" : $"error: unknown command '{args[0]}'");
            await WriteUsageAsync(error);
            return ExitUsage;
        }

        // The command's own switches go to it; other "--Key=Value" pairs configure the host; the rest are its arguments.
        var flags = args.Skip(1).Where(a => command.Flags.Contains(a, StringComparer.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var hostArgs = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && !flags.Contains(a)).ToArray();
        var positional = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (positional.Length != command.Arguments.Count)
        {
            await error.WriteLineAsync($"error: {command.Name} takes {string.Join(' ', command.Arguments)}");
            await WriteUsageAsync(error);
            return ExitUsage;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            cancellation.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            using var host = BuildHost(hostArgs);
            return await command.RunAsync(new CliContext(host.Services, output, error, flags), positional, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled");
            return ExitFailure;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static IHost BuildHost(string[] hostArgs)
    {
        var builder = Host.CreateApplicationBuilder(hostArgs);

        // The console is for the command's own output: only warnings and errors from the libraries.
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.AddCinegraphCore();
        return builder.Build();
    }

    private static async Task WriteUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("usage: dotnet run --project Cinegraph.Web -- <command> [arguments] [--Key=Value ...]");
        await writer.WriteLineAsync("       dotnet run --project Cinegraph.Web            (no command: runs the web app)");
        await writer.WriteLineAsync();
        await writer.WriteLineAsync("commands:");
        var rows = s_commands
            .Select(c => (Syntax: string.Join(' ', [c.Name, .. c.Arguments, .. c.Flags.Select(f => $"[{f}]")]), c.Description))
            .Append((Syntax: HelpCommand, Description: "Show this text."))
            .ToList();
        var width = rows.Max(r => r.Syntax.Length) + 3;
        foreach (var (syntax, description) in rows)
        {
            await writer.WriteLineAsync($"  {syntax.PadRight(width)}{description}");
        }

        await writer.WriteLineAsync();
        await writer.WriteLineAsync("Settings come from appsettings.json, environment variables (Database__Provider,");
        await writer.WriteLineAsync("ConnectionStrings__Cinegraph, Data__BundlePath) or --Key=Value, as for the web app.");
    }
}
