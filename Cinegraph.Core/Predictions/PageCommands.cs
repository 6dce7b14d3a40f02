using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Predictions;

/// <summary>The saved profile, or why it was not saved (<paramref name="NotFound"/>, <paramref name="ReadOnly"/>: a system profile).</summary>
public sealed record SaveProfileResult(MetricWeightProfile? Profile, IReadOnlyList<string> Errors, bool NotFound = false, bool ReadOnly = false);

/// <summary>What a deletion did.</summary>
public enum DeleteProfileOutcome
{
    Deleted,
    NotFound,

    /// <summary>A system profile: never deleted.</summary>
    ReadOnly,
}

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
        var errors = await ValidateAsync(null, name, description, weights, cancellationToken);
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
            return new SaveProfileResult(null, [NameTaken(name)]);
        }
    }

    /// <summary>Renames, describes and re-weights a profile an administrator saved; system profiles are refused (read-only).</summary>
    public async Task<SaveProfileResult> EditProfileAsync(int profileId, string name, string description, CategoryWeights weights, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(profileId, name, description, weights, cancellationToken);
        if (errors.Count > 0)
        {
            return new SaveProfileResult(null, errors);
        }

        try
        {
            return new SaveProfileResult(await profiles.EditAsync(profileId, name, description, weights, cancellationToken), []);
        }
        catch (KeyNotFoundException)
        {
            return new SaveProfileResult(null, ["The profile no longer exists."], NotFound: true);
        }
        catch (ProfileReadOnlyException ex)
        {
            return new SaveProfileResult(null, [ex.Message], ReadOnly: true);
        }
        catch (DbUpdateException)
        {
            return new SaveProfileResult(null, [NameTaken(name)]);
        }
    }

    /// <summary>Deletes a profile an administrator saved, with its cached rows; system profiles are refused (read-only).</summary>
    public async Task<DeleteProfileOutcome> DeleteProfileAsync(int profileId, CancellationToken cancellationToken)
    {
        try
        {
            return await profiles.DeleteAsync(profileId, cancellationToken) ? DeleteProfileOutcome.Deleted : DeleteProfileOutcome.NotFound;
        }
        catch (ProfileReadOnlyException)
        {
            return DeleteProfileOutcome.ReadOnly;
        }
    }

    // The text and weights rules, and no other profile (than the one edited) with the same name or slug.
    private async Task<List<string>> ValidateAsync(int? editedId, string name, string description, CategoryWeights weights, CancellationToken cancellationToken)
    {
        var textErrors = ProfileText.Validate(name, description);
        var errors = new List<string>([.. textErrors, .. weights.Validate()]);
        if (textErrors.Count == 0
            && ((await profiles.FindByNameAsync(name, cancellationToken) is { } byName && byName.Id != editedId)
                || (await profiles.FindBySlugAsync(ProfileSlug.From(name), cancellationToken) is { } bySlug && bySlug.Id != editedId)))
        {
            errors.Add(NameTaken(name));
        }

        return errors;
    }

    private static string NameTaken(string name) => $"A profile named “{name.Trim()}” already exists.";
}
