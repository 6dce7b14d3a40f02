using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Scoring.Learned;

/// <summary>
/// The learned profile's models for a data version: read from <c>fitted_models</c>, or fitted and stored when none is
/// there (once per data version and <see cref="LearnedModels.FitVersion"/>). A new fit sets the learned profiles'
/// weights to the categories' shares in the model and bumps their weights version, so rows scored with the previous
/// model read as stale ("model refitted").
/// </summary>
public sealed class LearnedModelStore(IDbContextFactory<CinegraphDbContext> dbFactory, PredictionsCache cache, TimeProvider time)
{
    public async Task<LearnedModels> GetOrFitAsync(MoviePredictor predictor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var snapshot = predictor.Snapshot;
        if (await FindAsync(snapshot.DataVersion, cancellationToken) is { } stored)
        {
            stored.EnsureColumns(predictor.Matrix.Keys);
            return stored;
        }

        var started = time.GetTimestamp();
        var models = await Task.Run(() => LearnedModels.Fit(snapshot, predictor.Matrix), cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.FittedModels.Add(new FittedModelRow
        {
            DataVersion = snapshot.DataVersion,
            FitVersion = LearnedModels.FitVersion,
            ModelVersion = models.Version,
            Parameters = models.ToJson(),
            FittedAt = time.GetUtcNow(),
            DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
        });
        var learned = await db.Profiles.Where(p => p.Kind == ProfileKinds.Learned).ToListAsync(cancellationToken);
        foreach (var profile in learned)
        {
            profile.Weights = MoviePredictor.CategoryShares(models.Full);
            profile.WeightsVersion++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another job stored its fit of the same data first (the unique index): the fit is deterministic, so it is
            // this one. Any other failure is rethrown.
            return await FindAsync(snapshot.DataVersion, cancellationToken)
                ?? throw new InvalidOperationException($"The fit of data version {snapshot.DataVersion} could not be stored.", ex);
        }

        foreach (var profile in learned)
        {
            await cache.InvalidateProfileAsync(profile.Id, cancellationToken);
        }

        return models;
    }

    /// <summary>The stored fit of this data version, or null.</summary>
    public async Task<LearnedModels?> FindAsync(int dataVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.FittedModels.AsNoTracking()
            .Where(f => f.DataVersion == dataVersion && f.FitVersion == LearnedModels.FitVersion)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : LearnedModels.FromJson(row.Parameters);
    }
}
