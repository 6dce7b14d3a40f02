using System.Globalization;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;
using Cinegraph.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The work of a refresh job: load the feature snapshot once, score each asked decade with the one scorer and write
/// its row as soon as it is done, then the profile's validation and the profile comparison. Re-running it rewrites
/// the same rows. Rows removed while it runs (a clear of the cache) are written again before it ends, so a completed job
/// leaves every row it was asked for; a job whose profile was deleted is cancelled (<see cref="JobCancelledException"/>).
/// </summary>
public sealed class RefreshCalculation(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    FeatureSnapshotLoader snapshotLoader,
    LearnedModelStore learnedModels,
    PredictionCacheWriter writer,
    DatabaseStorage storage,
    IPredictionEvents events,
    TimeProvider time) : IRefreshJobHandler
{
    /// <summary>The 1001 edition the cached edition backtest starts from.</summary>
    public const int BacktestBaseEdition = 2018;

    /// <summary>How often rows removed while the job ran (a clear of the cache) are written again before the attempt fails.</summary>
    public const int RewriteRounds = 3;

    private const string ValidationPart = "validation";
    private const string ComparisonPart = "comparison";

    public async Task ExecuteAsync(RefreshJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        try
        {
            await RunAsync(job, progress, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Its rows cannot be written when the profile was deleted while the job ran (their foreign key).
            if (!await ProfileExistsAsync(job.ProfileId, cancellationToken))
            {
                throw ProfileDeleted(job.ProfileId, ex);
            }

            throw;
        }
    }

    private async Task RunAsync(RefreshJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var decades = SupportedDecades(job.Decades);
        var total = decades.Count + (job.IncludeValidation ? 2 : 0) + 1;
        var done = 0;

        var snapshot = await snapshotLoader.LoadAsync(cancellationToken);
        var predictor = new MoviePredictor(snapshot);

        // The learned profile's models are fitted once per data version (stored); a fit updates the profile's weights,
        // so the profile is read after it.
        var learned = await NeedsLearnedModelsAsync(job, cancellationToken) ? await learnedModels.GetOrFitAsync(predictor, cancellationToken) : null;
        var profile = await LoadProfileAsync(job.ProfileId, cancellationToken);
        var run = new Run(job, profile, snapshot, predictor, ScoringProfile.From(profile, learned), learned);
        await progress.ReportAsync(++done, total, $"loaded {snapshot.Movies.Count} films", cancellationToken);

        foreach (var decade in decades)
        {
            await WriteDecadeAsync(run, decade, cancellationToken);
            await progress.ReportAsync(++done, total, $"{decade}s cached", cancellationToken);
        }

        if (job.IncludeValidation)
        {
            var validation = await WriteValidationAsync(run, cancellationToken);
            await progress.ReportAsync(++done, total, "validation cached", cancellationToken);
            await WriteComparisonAsync(run, validation, cancellationToken);
            await progress.ReportAsync(++done, total, "profile comparison cached", cancellationToken);
        }

        // A clear of the cache (DELETE /api/cache) while the job ran removed rows it had already written: they are
        // written again, so a completed job always means every row it was asked for is there.
        for (var round = 1; ; round++)
        {
            var missing = await FindMissingAsync(run, decades, cancellationToken);
            if (missing.Count == 0)
            {
                // Rows written into a database file deleted or replaced meanwhile are lost: the attempt fails (retryable).
                await storage.EnsureUsableAsync(cancellationToken);
                return;
            }

            if (round > RewriteRounds)
            {
                throw new InvalidOperationException($"Cache rows kept disappearing while the job wrote them: {string.Join(", ", missing)}.");
            }

            foreach (var part in missing)
            {
                await (part switch
                {
                    ValidationPart => WriteValidationAsync(run, cancellationToken),
                    ComparisonPart => WriteComparisonAsync(run, known: null, cancellationToken),
                    _ => WriteDecadeAsync(run, int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture), cancellationToken),
                });
            }

            await progress.ReportAsync(done, total, $"rewrote {string.Join(", ", missing)}: removed while the job ran", cancellationToken);
        }
    }

    private async Task WriteDecadeAsync(Run run, int decade, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = time.GetTimestamp();
        var prediction = run.Predictor.PredictDecade(decade, run.Scoring, MoviePredictor.DefaultLimit);
        EnsureInRange(prediction);
        var calculatedAt = await writer.WriteDecadeAsync(run.Profile, prediction, run.Job.Id, time.GetElapsedTime(started), cancellationToken);
        await events.PublishAsync(new DecadeCached(run.Job.Id, run.Profile.Id, decade, calculatedAt), cancellationToken);
    }

    /// <summary>Writes the job's profile's validation and backtest; returns its validation (the comparison reuses it).</summary>
    private async Task<ProfileValidation> WriteValidationAsync(Run run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = time.GetTimestamp();
        var validator = new HistoricalValidator(run.Predictor);
        var validation = new CachedValidation(validator.Validate(run.Scoring), validator.BacktestEditions(run.Scoring, BacktestBaseEdition));
        await writer.WriteValidationAsync(run.Profile, validation, run.Snapshot.DataVersion, run.Job.Id, time.GetElapsedTime(started), run.Scoring.Learned?.Version, cancellationToken);
        return validation.Validation;
    }

    /// <summary>Writes the comparison of every active profile; <paramref name="known"/> is the job's profile's validation when already computed.</summary>
    private async Task WriteComparisonAsync(Run run, ProfileValidation? known, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = time.GetTimestamp();
        var profiles = await LoadActiveProfilesAsync(run.Learned, cancellationToken);
        var comparison = ProfileComparison.Compare(
            new HistoricalValidator(run.Predictor), profiles, known is null ? null : (run.Scoring, known), cancellationToken);
        await writer.WriteComparisonAsync(run.Profile, comparison, run.Snapshot.DataVersion, run.Job.Id, time.GetElapsedTime(started), cancellationToken);
    }

    /// <summary>The parts of the job (decades as "1990", "validation", "comparison") whose rows are not in the database.</summary>
    private async Task<List<string>> FindMissingAsync(Run run, IReadOnlyList<int> decades, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profileId = run.Profile.Id;
        var present = await db.PredictionCache.AsNoTracking().Where(r => r.ProfileId == profileId).Select(r => r.Decade).ToListAsync(cancellationToken);
        List<string> missing = [.. decades.Except(present).Select(d => d.ToString(CultureInfo.InvariantCulture))];
        if (run.Job.IncludeValidation)
        {
            if (!await db.ValidationCache.AnyAsync(r => r.ProfileId == profileId, cancellationToken))
            {
                missing.Add(ValidationPart);
            }

            if (!await db.ComparisonCache.AnyAsync(r => r.Key == ComparisonCacheRow.ActiveProfilesKey, cancellationToken))
            {
                missing.Add(ComparisonPart);
            }
        }

        if (missing.Count > 0 && !await db.Profiles.AnyAsync(p => p.Id == profileId, cancellationToken))
        {
            throw ProfileDeleted(profileId);
        }

        return missing;
    }

    private static JobCancelledException ProfileDeleted(int profileId, Exception? cause = null) =>
        cause is null
            ? new($"Profile {profileId} was deleted; there is nothing to refresh.")
            : new($"Profile {profileId} was deleted; there is nothing to refresh.", cause);

    /// <summary>Parses a job's comma-separated decades; every one must be a supported decade.</summary>
    public static IReadOnlyList<int> SupportedDecades(IReadOnlyList<int> decades)
    {
        ArgumentNullException.ThrowIfNull(decades);
        return [.. decades.Select(d => MoviePredictor.IsSupportedDecade(d) ? d : throw new InvalidOperationException($"Unsupported decade {d} in the job."))];
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
            ?? throw ProfileDeleted(profileId);
    }

    private async Task<bool> ProfileExistsAsync(int profileId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Profiles.AnyAsync(p => p.Id == profileId, cancellationToken);
    }

    private async Task<IReadOnlyList<(ScoringProfile, string)>> LoadActiveProfilesAsync(LearnedModels? learned, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return [.. profiles.Select(p => (ScoringProfile.From(p, learned), p.Description))];
    }

    /// <summary>Whether the job scores a learned profile: its own, or one among the active profiles it compares.</summary>
    private async Task<bool> NeedsLearnedModelsAsync(RefreshJob job, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Profiles.AnyAsync(
            p => p.Kind == ProfileKinds.Learned && (p.Id == job.ProfileId || (job.IncludeValidation && p.Active)),
            cancellationToken);
    }

    private sealed record Run(RefreshJob Job, MetricWeightProfile Profile, FeatureSnapshot Snapshot, MoviePredictor Predictor, ScoringProfile Scoring, LearnedModels? Learned);
}
