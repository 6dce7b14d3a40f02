namespace Cinegraph.Web.Cli;

/// <summary>One command of <c>dotnet run --project Cinegraph.Web -- &lt;command&gt;</c>; listed in <see cref="CommandLine"/>.</summary>
internal interface ICliCommand
{
    /// <summary>The word that selects the command, e.g. <c>import</c>.</summary>
    string Name { get; }

    /// <summary>The positional arguments as shown in the usage text, e.g. <c>&lt;bundle-dir&gt;</c>.</summary>
    IReadOnlyList<string> Arguments { get; }

    /// <summary>The command's own switches (e.g. <c>--allow-shrink</c>); every other <c>--Key=Value</c> configures the host.</summary>
    IReadOnlyList<string> Flags => [];

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>Runs with the positional arguments (as many as <see cref="Arguments"/>); returns the exit code.</summary>
    Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}

/// <summary>What a command gets: the Core services (configured as for the web app), the console streams and the switches it was given.</summary>
internal sealed record CliContext(IServiceProvider Services, TextWriter Output, TextWriter Error, IReadOnlySet<string> Flags);
