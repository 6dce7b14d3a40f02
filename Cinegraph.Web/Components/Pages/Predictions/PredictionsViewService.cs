using Cinegraph.Core.Caching;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Web.Components.Pages.Predictions;

/// <summary>
/// The predictions page's calls into Core: the read model (<see cref="PredictionsPageQuery"/>, all parts), the
/// prerender hand-off and the commands (<see cref="PageCommands"/>). No rules live here.
/// </summary>
public sealed class PredictionsViewService(PredictionsPageQuery query, PageCommands commands, PrerenderedPages prerendered)
{
    public const int MaxEntries = PredictionsPageQuery.MaxEntries;

    public DateTimeOffset Now => commands.Now;

    public IDisposable Subscribe(Func<CatalogueChange, Task> listener) => query.Subscribe(listener);

    public Task<PageRead> ReadAsync(int decade, string? profileSlug, int limit, CancellationToken cancellationToken) =>
        query.ReadAsync(decade, profileSlug, limit, PageParts.All, cancellationToken);

    public Task<CacheRead<CachedPredictions>> ReadPredictionsAsync(int decade, int profileId, int limit, CancellationToken cancellationToken) =>
        query.ReadPredictionsAsync(decade, profileId, limit, cancellationToken);

    public Task<JobSummary?> LatestJobAsync(int profileId, CancellationToken cancellationToken) => query.LatestJobAsync(profileId, cancellationToken);

    public string KeepPrerendered(PredictionsPageModel page) => prerendered.Keep(page);

    public PredictionsPageModel? TakePrerendered(string key) => prerendered.Take(key);

    public Task<(JobSummary Job, bool Conflict)> RefreshAsync(int profileId, CancellationToken cancellationToken) => commands.RefreshAsync(profileId, cancellationToken);

    public Task<JobSummary?> RetryAsync(long jobId, CancellationToken cancellationToken) => commands.RetryAsync(jobId, cancellationToken);

    public Task<SaveProfileResult> SaveProfileAsync(string name, string description, CategoryWeights weights, CancellationToken cancellationToken) =>
        commands.SaveProfileAsync(name, description, weights, cancellationToken);

    public Task<SaveProfileResult> EditProfileAsync(int profileId, string name, string description, CategoryWeights weights, CancellationToken cancellationToken) =>
        commands.EditProfileAsync(profileId, name, description, weights, cancellationToken);

    public Task<DeleteProfileOutcome> DeleteProfileAsync(int profileId, CancellationToken cancellationToken) =>
        commands.DeleteProfileAsync(profileId, cancellationToken);
}
