using System.Diagnostics.Metrics;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Predictions;

/// <summary>Which cache rows a page read includes besides the profile and catalogue facts.</summary>
[Flags]
public enum PageParts
{
    Predictions = 1,
    Validation = 2,
    Comparison = 4,
    All = Predictions | Validation | Comparison,
}

/// <summary>
/// Everything one view of the predictions page (or <c>GET /api/predictions</c>) shows: the active profiles, the one the
/// URL resolved to, the demo flag, the data version, the decade's predictions, the profile's validation, the comparison
/// and the profile's latest job. Parts not asked for are null.
/// </summary>
public sealed record PredictionsPageModel(
    IReadOnlyList<MetricWeightProfile> Profiles,
    MetricWeightProfile Profile,
    bool IsDemo,
    int DataVersion,
    int Decade,
    int Limit,
    CacheRead<CachedPredictions>? Predictions,
    CacheRead<CachedProfileValidation>? Validation,
    CacheRead<CachedComparison>? Comparison,
    JobSummary? LatestJob);

/// <summary>The result of a page read: the model, an unknown decade or profile (a 404), or the database down with nothing in memory.</summary>
public abstract record PageRead
{
    private PageRead()
    {
    }

    public sealed record Ready(PredictionsPageModel Page) : PageRead;

    public sealed record UnknownDecade(int Decade) : PageRead;

    public sealed record UnknownProfile(string Slug) : PageRead;

    public sealed record Unavailable(string Reason) : PageRead;
}

/// <summary>
/// The one read model of the predictions page and its API. On a warm view everything comes from memory: the catalogue
/// facts from <see cref="CatalogueState"/>, the rows from <see cref="PredictionsCache"/>'s L1 (an L1 miss is one SELECT
/// of that row). It never scores. Each read is counted on the <c>cinegraph.predictions.page_reads</c> counter.
/// </summary>
public sealed class PredictionsPageQuery
{
    /// <summary>The name of the meter the reads are counted on.</summary>
    public const string MeterName = "Cinegraph.Predictions";

    /// <summary>The most entries a read returns: the cache holds the top 1000 of a decade.</summary>
    public const int MaxEntries = MoviePredictor.DefaultLimit;

    private readonly CatalogueState _state;
    private readonly PredictionsCache _cache;
    private readonly Counter<long> _reads;

    public PredictionsPageQuery(CatalogueState state, PredictionsCache cache, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _state = state;
        _cache = cache;
        _reads = meters.Create(MeterName).CreateCounter<long>("cinegraph.predictions.page_reads", description: "Reads of the predictions page model");
    }

    /// <summary>The page for the decade and the profile the slug names (the default profile for none).</summary>
    public async Task<PageRead> ReadAsync(int decade, string? profileSlug, int limit, PageParts parts, CancellationToken cancellationToken = default)
    {
        _reads.Add(1);
        if (!MoviePredictor.IsSupportedDecade(decade))
        {
            return new PageRead.UnknownDecade(decade);
        }

        CatalogueSnapshot catalogue;
        try
        {
            catalogue = await _state.GetAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && PredictionsCache.IsDatabaseFailure(ex))
        {
            return new PageRead.Unavailable(ex.Message);
        }

        if (catalogue.Resolve(profileSlug) is not { } profile)
        {
            return new PageRead.UnknownProfile(profileSlug ?? "");
        }

        var take = Math.Clamp(limit, 1, MaxEntries);
        var predictions = parts.HasFlag(PageParts.Predictions) ? await _cache.GetPredictionsAsync(decade, profile.Id, take, cancellationToken) : null;
        var validation = parts.HasFlag(PageParts.Validation) ? await _cache.GetValidationAsync(profile.Id, cancellationToken) : null;
        var comparison = parts.HasFlag(PageParts.Comparison) ? await _cache.GetComparisonAsync(cancellationToken) : null;
        return new PageRead.Ready(new PredictionsPageModel(
            catalogue.Profiles, profile, catalogue.IsDemo, catalogue.DataVersion, decade, take, predictions, validation, comparison, catalogue.LatestJob(profile.Id)));
    }

    /// <summary>Only the decade's predictions again (a decade was cached, or more entries were asked for).</summary>
    public Task<CacheRead<CachedPredictions>> ReadPredictionsAsync(int decade, int profileId, int limit, CancellationToken cancellationToken = default) =>
        _cache.GetPredictionsAsync(decade, profileId, Math.Clamp(limit, 1, MaxEntries), cancellationToken);

    /// <summary>The profile's latest job as held in memory.</summary>
    public async Task<JobSummary?> LatestJobAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await _state.GetAsync(cancellationToken)).LatestJob(profileId);

    /// <summary>Adds a listener of changes (events applied, catalogue reloaded); dispose the result to remove it.</summary>
    public IDisposable Subscribe(Func<CatalogueChange, Task> listener) => _state.Subscribe(listener);
}
