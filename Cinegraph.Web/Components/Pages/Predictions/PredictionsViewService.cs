using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Web.Components.Pages.Predictions;

/// <summary>
/// What the predictions page reads and does, over the Core services: cache reads only (never a computation), the
/// profile's latest job, queueing and retrying refreshes, and saving custom weights as a profile. Stateless; one per circuit.
/// </summary>
public sealed class PredictionsViewService(
    ProfileService profiles,
    PredictionsCache cache,
    RefreshManager refresh,
    CatalogService catalog,
    IPredictionEvents events,
    TimeProvider time)
{
    /// <summary>The most entries the page asks the cache for: the cache holds the top 1000 of a decade.</summary>
    public const int MaxEntries = 1000;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Adds a handler of prediction events; dispose the result to remove it.</summary>
    public IDisposable Subscribe(Func<PredictionEvent, Task> handler) => events.Subscribe(handler);

    public Task<IReadOnlyList<MetricWeightProfile>> GetProfilesAsync(CancellationToken cancellationToken) =>
        profiles.GetActiveAsync(cancellationToken);

    /// <summary>The profile a URL names by its slug, the default profile when it names none; null when unknown.</summary>
    public async Task<MetricWeightProfile?> ResolveProfileAsync(string? slug, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(slug)
            ? await profiles.GetDefaultAsync(cancellationToken)
            : await profiles.FindBySlugAsync(slug, cancellationToken);

    public Task<CacheRead<CachedPredictions>> GetPredictionsAsync(int decade, int profileId, int limit, CancellationToken cancellationToken) =>
        cache.GetPredictionsAsync(decade, profileId, Math.Clamp(limit, 1, MaxEntries), cancellationToken);

    public Task<CacheRead<CachedProfileValidation>> GetValidationAsync(int profileId, CancellationToken cancellationToken) =>
        cache.GetValidationAsync(profileId, cancellationToken);

    public Task<CacheRead<CachedComparison>> GetComparisonAsync(CancellationToken cancellationToken) =>
        cache.GetComparisonAsync(cancellationToken);

    /// <summary>The newest job of the profile (running or finished), or null when it never had one.</summary>
    public async Task<JobSummary?> GetLatestJobAsync(int profileId, CancellationToken cancellationToken)
    {
        var latest = await refresh.GetLatestJobPerProfileAsync(cancellationToken);
        return latest.TryGetValue(profileId, out var job) ? CacheStatusReader.Summarize(job) : null;
    }

    public async Task<JobSummary?> GetJobAsync(long jobId, CancellationToken cancellationToken) =>
        await refresh.GetJobAsync(jobId, cancellationToken) is { } job ? CacheStatusReader.Summarize(job) : null;

    /// <summary>Whether the catalogue in use is the generated demo.</summary>
    public async Task<bool> IsDemoCatalogueAsync(CancellationToken cancellationToken)
    {
        var imports = await catalog.GetImportHistoryAsync(1, cancellationToken);
        return imports.Count > 0 && imports[0].IsDemo;
    }

    /// <summary>Queues a refresh of the profile; while one is queued or running, that job comes back with Conflict.</summary>
    public async Task<(JobSummary Job, bool Conflict)> RefreshAsync(int profileId, CancellationToken cancellationToken)
    {
        var result = await refresh.EnqueueAsync(profileId, cancellationToken: cancellationToken);
        return (CacheStatusReader.Summarize(result.Job), result.Conflict);
    }

    /// <summary>Runs a finished job again; null when the job is gone.</summary>
    public async Task<JobSummary?> RetryAsync(long jobId, CancellationToken cancellationToken) =>
        await refresh.RetryAsync(jobId, cancellationToken) is { } result ? CacheStatusReader.Summarize(result.Job) : null;

    /// <summary>Saves weights as a new profile; the errors instead when the name is taken or the weights are invalid.</summary>
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
            return new SaveProfileResult(await profiles.CreateAsync(name, description, weights, cancellationToken), []);
        }
        catch (DbUpdateException)
        {
            // Another admin saved the same name between the check and the insert (the name is unique).
            return new SaveProfileResult(null, [$"A profile named “{name.Trim()}” already exists."]);
        }
    }
}

/// <summary>The saved profile, or why it was not saved.</summary>
public sealed record SaveProfileResult(MetricWeightProfile? Profile, IReadOnlyList<string> Errors);
