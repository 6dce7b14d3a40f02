using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Predictions;

/// <summary>The saved profile, or why it was not saved.</summary>
public sealed record SaveProfileResult(MetricWeightProfile? Profile, IReadOnlyList<string> Errors);

/// <summary>
/// What the pages do (as opposed to read), written once for the predictions page and the admin panel: queue, retry
/// and cancel refreshes, save custom weights as a profile, and the clock the pages show ages with.
/// </summary>
public sealed class PageCommands(RefreshManager refresh, ProfileService profiles, CatalogueState state, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Queues a refresh of the profile; while one is queued or running, that job comes back with Conflict.</summary>
    public async Task<(JobSummary Job, bool Conflict)> RefreshAsync(int profileId, CancellationToken cancellationToken)
    {
        var result = await refresh.EnqueueAsync(profileId, cancellationToken: cancellationToken);
        return (CacheStatusReader.Summarize(result.Job), result.Conflict);
    }

    /// <summary>Queues a refresh of every active profile; returns how many were new and how many already ran.</summary>
    public async Task<(int Queued, int AlreadyQueued)> RefreshAllAsync(CancellationToken cancellationToken)
    {
        var results = await refresh.EnqueueAllAsync(cancellationToken);
        return (results.Count(r => !r.Conflict), results.Count(r => r.Conflict));
    }

    /// <summary>Runs a finished job again; null when the job is gone.</summary>
    public async Task<JobSummary?> RetryAsync(long jobId, CancellationToken cancellationToken) =>
        await refresh.RetryAsync(jobId, cancellationToken) is { } result ? CacheStatusReader.Summarize(result.Job) : null;

    public Task<CancelOutcome> CancelAsync(long jobId, CancellationToken cancellationToken) => refresh.CancelAsync(jobId, cancellationToken);

    /// <summary>Saves weights as a new profile; the errors instead when the name is taken or the text or weights are invalid.</summary>
    public async Task<SaveProfileResult> SaveProfileAsync(string name, string description, CategoryWeights weights, CancellationToken cancellationToken)
    {
        var textErrors = ProfileText.Validate(name, description);
        var errors = new List<string>([.. textErrors, .. weights.Validate()]);
        if (textErrors.Count == 0
            && (await profiles.FindByNameAsync(name, cancellationToken) is not null
                || await profiles.FindBySlugAsync(ProfileSlug.From(name), cancellationToken) is not null))
        {
            errors.Add($"A profile named “{name.Trim()}” already exists.");
        }

        if (errors.Count > 0)
        {
            return new SaveProfileResult(null, errors);
        }

        try
        {
            var saved = await profiles.CreateAsync(name, description, weights, cancellationToken);
            state.Invalidate();
            return new SaveProfileResult(saved, []);
        }
        catch (DbUpdateException)
        {
            // Another admin saved the same name between the check and the insert (the name is unique).
            return new SaveProfileResult(null, [$"A profile named “{name.Trim()}” already exists."]);
        }
    }
}
