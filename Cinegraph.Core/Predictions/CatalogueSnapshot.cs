using Cinegraph.Core.Caching;
using Cinegraph.Core.Events;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Predictions;

/// <summary>
/// What every page view needs besides the cache rows, held in memory by <see cref="CatalogueState"/>: the active
/// profiles, the data version, where today's catalogue began, whether it is the demo, and each profile's latest job.
/// <paramref name="Probe"/> is what the periodic check compares.
/// </summary>
public sealed record CatalogueSnapshot(
    IReadOnlyList<MetricWeightProfile> Profiles,
    int DataVersion,
    int CatalogueSince,
    bool IsDemo,
    IReadOnlyDictionary<int, JobSummary> LatestJobs,
    string Probe)
{
    /// <summary>The default profile: the active one marked default, else the active one named Balanced.</summary>
    public MetricWeightProfile? DefaultProfile =>
        Profiles.FirstOrDefault(p => p.IsDefault) ?? Profiles.FirstOrDefault(p => p.Name == SystemProfiles.BalancedName);

    /// <summary>The active profile a URL names by slug (the older one should two share it), the default for none; null when unknown.</summary>
    public MetricWeightProfile? Resolve(string? slug) =>
        string.IsNullOrWhiteSpace(slug) ? DefaultProfile : Profiles.FirstOrDefault(p => ProfileSlug.Matches(p.Name, slug));

    /// <summary>The profile's weights version today; 0 for a profile that is not active (its rows read as stale).</summary>
    public int WeightsVersionOf(int profileId) => Profiles.FirstOrDefault(p => p.Id == profileId)?.WeightsVersion ?? 0;

    public JobSummary? LatestJob(int profileId) => LatestJobs.GetValueOrDefault(profileId);

    /// <summary>The snapshot with <paramref name="job"/> as its profile's latest job, unless a newer job is already there.</summary>
    internal CatalogueSnapshot WithJob(int profileId, JobSummary job) =>
        LatestJobs.TryGetValue(profileId, out var current) && current.Id > job.Id
            ? this
            : this with { LatestJobs = new Dictionary<int, JobSummary>(LatestJobs) { [profileId] = job } };
}

/// <summary>Something changed in <see cref="CatalogueState"/>: after <paramref name="Event"/> was applied, or (null) the state was reloaded.</summary>
public sealed record CatalogueChange(PredictionEvent? Event);
