using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Web.Cli;

/// <summary>
/// What the scoring commands (<c>forecast</c>, <c>validation-report</c>) start from: the migrated database's catalogue,
/// a predictor over its snapshot, and the learned fit of its data version (fitted and stored now if there is none yet).
/// </summary>
internal sealed record ScoringInputs(CatalogSummary Summary, MoviePredictor Predictor, LearnedModels Learned)
{
    /// <summary>Loads the inputs, or writes why it cannot (an empty catalogue) to the error stream and returns null.</summary>
    public static async Task<ScoringInputs?> LoadAsync(CliContext context, CancellationToken cancellationToken)
    {
        var services = context.Services;
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var summary = await services.GetRequiredService<CatalogService>().GetSummaryAsync(cancellationToken);
        if (summary.DataVersion == 0)
        {
            await context.Error.WriteLineAsync("error: the catalogue is empty; import a bundle first");
            return null;
        }

        var snapshot = await services.GetRequiredService<FeatureSnapshotLoader>().LoadAsync(cancellationToken);
        var predictor = new MoviePredictor(snapshot);
        var learned = await services.GetRequiredService<LearnedModelStore>().GetOrFitAsync(predictor, cancellationToken);
        return new ScoringInputs(summary, predictor, learned);
    }
}
