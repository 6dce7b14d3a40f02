using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;

namespace Cinegraph.Web.Cli;

/// <summary><c>validation-report &lt;output.md&gt;</c>: writes the validation of every active profile for the current catalogue.</summary>
internal sealed class ValidationReportCommand : ICliCommand
{
    /// <summary>The edition the backtest starts from: the oldest full snapshot of the list in the bundle.</summary>
    private const int BacktestBaseEdition = 2018;

    public string Name => "validation-report";

    public IReadOnlyList<string> Arguments { get; } = ["<output.md>"];

    public string Description => "Write per-decade accuracy, edition backtest and profile comparison as Markdown.";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        if (await ScoringInputs.LoadAsync(context, cancellationToken) is not { } inputs)
        {
            return CommandLine.ExitFailure;
        }

        var (summary, predictor, learned) = inputs;
        var services = context.Services;
        var profiles = await services.GetRequiredService<ProfileService>().GetActiveAsync(cancellationToken);
        var source = summary.IsDemo ? "the generated demo catalogue (demo data)" : $"the bundle `{BundleLabel(summary.Source)}`";
        var report = ValidationReport.Build(predictor, profiles, source, BacktestBaseEdition, learned);

        var output = Path.GetFullPath(arguments[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var existing = File.Exists(output) ? await File.ReadAllTextAsync(output, cancellationToken) : null;
        await File.WriteAllTextAsync(output, ValidationReport.KeepHandWritten(report, existing), cancellationToken);
        await context.Output.WriteLineAsync($"wrote {output} ({profiles.Count} profiles, data version {predictor.Snapshot.DataVersion})");
        return CommandLine.ExitSuccess;
    }

    /// <summary>The last three folders of the bundle path (e.g. <c>shared/data/bundle</c>): enough to say which, without this machine's layout.</summary>
    private static string BundleLabel(string? source)
    {
        var parts = (source ?? "").Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', parts.TakeLast(3));
    }
}
