using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Scoring;

/// <summary>Reads and edits weight profiles. Weights that are negative or do not sum to 1 are refused, never stored.</summary>
public sealed class ProfileService(IDbContextFactory<CinegraphDbContext> dbFactory, PredictionsCache cache)
{
    public async Task<IReadOnlyList<MetricWeightProfile>> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Profiles.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The default profile: the active one marked default, else the active one named Balanced.</summary>
    public async Task<MetricWeightProfile?> GetDefaultAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Profiles.AsNoTracking().Where(p => p.Active && p.IsDefault).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Profiles.AsNoTracking().Where(p => p.Active && p.Name == SystemProfiles.BalancedName).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The profile with this name (case-insensitive), or null.</summary>
    public async Task<MetricWeightProfile?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().ToListAsync(cancellationToken);
        return profiles.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The active profile whose <see cref="ProfileSlug"/> is <paramref name="slug"/> (case-insensitive), or null.
    /// Should two names share a slug, the older profile (lower id) wins.
    /// </summary>
    public async Task<MetricWeightProfile?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return profiles.FirstOrDefault(p => ProfileSlug.Matches(p.Name, slug));
    }

    /// <summary>
    /// Creates a user profile; throws <see cref="InvalidProfileTextException"/> for a name or description that
    /// <see cref="ProfileText"/> refuses and <see cref="InvalidWeightsException"/> for bad weights.
    /// </summary>
    public async Task<MetricWeightProfile> CreateAsync(string name, string description, CategoryWeights weights, CancellationToken cancellationToken = default)
    {
        ProfileText.EnsureValid(name, description);
        weights.EnsureValid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = new MetricWeightProfile { Name = name.Trim(), Description = description?.Trim() ?? "", Weights = weights, WeightsVersion = 1 };
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(cancellationToken);
        return profile;
    }

    /// <summary>
    /// Changes a profile's weights and bumps its weights version, so cached results computed with the old weights
    /// show as stale. Throws <see cref="InvalidWeightsException"/> for bad weights and
    /// <see cref="ProfileNotEditableException"/> for a learned profile (its weights are set by each fit, not by hand).
    /// </summary>
    public async Task<MetricWeightProfile> UpdateWeightsAsync(int profileId, CategoryWeights weights, CancellationToken cancellationToken = default)
    {
        weights.EnsureValid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.Id == profileId, cancellationToken)
            ?? throw new KeyNotFoundException($"No profile with id {profileId}.");
        if (profile.Kind == ProfileKinds.Learned)
        {
            throw new ProfileNotEditableException(profile.Name);
        }

        profile.Weights = weights;
        profile.WeightsVersion++;
        await db.SaveChangesAsync(cancellationToken);

        // Memory holds the rows with their freshness judged against the old version: read them again.
        await cache.InvalidateProfileAsync(profileId, cancellationToken);
        return profile;
    }

    /// <summary>
    /// Renames, describes and re-weights a profile an administrator saved; the weights version moves only when the
    /// weights change (its cached rows then read as stale until a refresh). Throws <see cref="ProfileReadOnlyException"/>
    /// for a system profile, <see cref="KeyNotFoundException"/> for none, and the text and weights exceptions of
    /// <see cref="CreateAsync"/>.
    /// </summary>
    public async Task<MetricWeightProfile> EditAsync(int profileId, string name, string description, CategoryWeights weights, CancellationToken cancellationToken = default)
    {
        ProfileText.EnsureValid(name, description);
        weights.EnsureValid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.Id == profileId, cancellationToken)
            ?? throw new KeyNotFoundException($"No profile with id {profileId}.");
        if (profile.IsSystem)
        {
            throw new ProfileReadOnlyException(profile.Name);
        }

        profile.Name = name.Trim();
        profile.Description = description?.Trim() ?? "";
        if (profile.Weights != weights)
        {
            profile.Weights = weights;
            profile.WeightsVersion++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateProfileAsync(profileId, cancellationToken);
        return profile;
    }

    /// <summary>
    /// Deletes a profile an administrator saved, with its cached rows (their foreign key cascades); a job of it still
    /// queued is cancelled when it runs. Throws <see cref="ProfileReadOnlyException"/> for a system profile; false when
    /// there is no such profile.
    /// </summary>
    public async Task<bool> DeleteAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.Id == profileId, cancellationToken);
        if (profile is null)
        {
            return false;
        }

        if (profile.IsSystem)
        {
            throw new ProfileReadOnlyException(profile.Name);
        }

        db.Profiles.Remove(profile);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateProfileAsync(profileId, cancellationToken);
        return true;
    }
}

/// <summary>An edit or a deletion of a system profile: those are seeded with the application and stay as they are.</summary>
public sealed class ProfileReadOnlyException(string profileName)
    : InvalidOperationException($"'{profileName}' is a system profile: it cannot be edited or deleted.");

/// <summary>An edit of a profile whose weights are not set by hand (the learned profile: each fit sets them).</summary>
public sealed class ProfileNotEditableException(string profileName)
    : InvalidOperationException($"The weights of '{profileName}' are set by its fitted model and cannot be edited.");
