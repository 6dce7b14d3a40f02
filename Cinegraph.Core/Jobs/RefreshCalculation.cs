using System.Globalization;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The work of a refresh job: load the feature snapshot once, score each asked decade with the one scorer and write
/// its row as soon as it is done, then the profile's validation and the profile comparison. Re-running it rewrites
/// the same rows.
/// </summary>
public sealed class RefreshCalculation(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    FeatureSnapshotLoader snapshotLoader,
    PredictionCacheWriter writer,
    IPredictionEvents events,
    TimeProvider time) : IRefreshJobHandler
{
    /// <summary>The 1001 edition the cached edition backtest starts from.</summary>
    public const int BacktestBaseEdition = 2018;

    public async Task ExecuteAsync(RefreshJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        var decades = ParseDecades(job.Decades);
        var total = decades.Count + (job.IncludeValidation ? 2 : 0) + 1;
        var done = 0;

        var profile = await LoadProfileAsync(job.ProfileId, cancellationToken);
        var snapshot = await snapshotLoader.LoadAsync(cancellationToken);
        var predictor = new MoviePredictor(snapshot);
        var scoring = ScoringProfile.From(profile);
        await progress.ReportAsync(++done, total, $"loaded {snapshot.Movies.Count} films", cancellationToken);

        foreach (var decade in decades)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = time.GetTimestamp();
            var prediction = predictor.PredictDecade(decade, scoring, MoviePredictor.DefaultLimit);
            EnsureInRange(prediction);
            var calculatedAt = await writer.WriteDecadeAsync(profile, prediction, job.Id, time.GetElapsedTime(started), cancellationToken);
            await events.PublishAsync(new DecadeCached(job.Id, profile.Id, decade, calculatedAt), cancellationToken);
            await progress.ReportAsync(++done, total, $"{decade}s cached", cancellationToken);
        }

        if (!job.IncludeValidation)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var validator = new HistoricalValidator(predictor);
        var started2 = time.GetTimestamp();
        var validation = new CachedValidation(validator.Validate(scoring), validator.BacktestEditions(scoring, BacktestBaseEdition));
        await writer.WriteValidationAsync(profile, validation, snapshot.DataVersion, job.Id, time.GetElapsedTime(started2), cancellationToken);
        await progress.ReportAsync(++done, total, "validation cached", cancellationToken);

        cancellationToken.ThrowIfCancellationRequested();
        var started3 = time.GetTimestamp();
        var comparison = ProfileComparison.Compare(validator, await LoadActiveProfilesAsync(cancellationToken));
        await writer.WriteComparisonAsync(profile, comparison, snapshot.DataVersion, job.Id, time.GetElapsedTime(started3), cancellationToken);
        await progress.ReportAsync(++done, total, "profile comparison cached", cancellationToken);
    }

    /// <summary>Parses a job's comma-separated decades; every one must be a supported decade.</summary>
    public static IReadOnlyList<int> ParseDecades(string decades)
    {
        ArgumentNullException.ThrowIfNull(decades);
        return [.. decades.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture))
            .Select(d => MoviePredictor.IsSupportedDecade(d) ? d : throw new InvalidOperationException($"Unsupported decade {d} in the job."))];
    }

    /// <summary>The original's worker once cached 0–2.5 as "250 %": a result outside 0–100 is never written.</summary>
    private static void EnsureInRange(DecadePrediction prediction)
    {
        foreach (var entry in prediction.Entries)
        {
            if (entry.TotalScore is < 0 or > 100 || entry.Likelihood is < 0 or > 100 || double.IsNaN(entry.TotalScore) || double.IsNaN(entry.Likelihood))
            {
                throw new InvalidOperationException(
                    $"Score out of range for {entry.ImdbId} in the {prediction.Decade}s: total {entry.TotalScore}, likelihood {entry.Likelihood}.");
            }
        }
    }

    private async Task<MetricWeightProfile> LoadProfileAsync(int profileId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.Id == profileId, cancellationToken)
            ?? throw new InvalidOperationException($"Profile {profileId} no longer exists.");
    }

    private async Task<IReadOnlyList<(ScoringProfile, string)>> LoadActiveProfilesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return [.. profiles.Select(p => (ScoringProfile.From(p), p.Description))];
    }
}
