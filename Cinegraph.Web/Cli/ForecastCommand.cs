using Cinegraph.Core.Forecasting;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Web.Cli;

/// <summary>
/// <c>forecast &lt;file&gt;</c>: writes the top films of the current decade not yet on the list, under the default
/// profile, as &lt;file&gt;.csv and &lt;file&gt;.json (see <see cref="ForecastFiles.PathsFor"/>).
/// </summary>
internal sealed class ForecastCommand : ICliCommand
{
    public string Name => "forecast";

    public IReadOnlyList<string> Arguments { get; } = ["<file>"];

    public string Description => $"Write the default profile's top {Forecast.DefaultCount} films of the {MoviePredictor.LastDecade}s not yet on the list as <file>.csv and <file>.json.";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        if (await ScoringInputs.LoadAsync(context, cancellationToken) is not { } inputs)
        {
            return CommandLine.ExitFailure;
        }

        var services = context.Services;
        var stored = await services.GetRequiredService<ProfileService>().GetDefaultAsync(cancellationToken);
        if (stored is null)
        {
            await context.Error.WriteLineAsync("error: no profile is the default");
            return CommandLine.ExitFailure;
        }

        var time = services.GetRequiredService<TimeProvider>();
        var forecast = Forecast.Of(inputs.Predictor, ScoringProfile.From(stored, inputs.Learned), time.GetUtcNow());
        var (csv, json) = ForecastFiles.PathsFor(Path.GetFullPath(arguments[0]));
        Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
        await File.WriteAllTextAsync(csv, ForecastFiles.ToCsv(forecast), cancellationToken);
        await File.WriteAllTextAsync(json, ForecastFiles.ToJson(forecast), cancellationToken);
        await context.Output.WriteLineAsync($"wrote {csv} and {json} ({forecast.Films.Count} films, profile {forecast.Profile}, data version {forecast.DataVersion})");
        return CommandLine.ExitSuccess;
    }
}
