using System.Text.Json.Serialization;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;

namespace Cinegraph.Web.Api;

// The JSON shapes of the API (camelCase by the framework's web defaults). Kept apart from Core's types where the API
// promises a shape of its own; Core records that already are that shape are returned as they are.

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record LoginResponse(string UserName, IReadOnlyList<string> Roles);

public sealed record WeightsResponse(double PopularOpinion, double IndustryRecognition, double CulturalImpact, double PeopleQuality)
{
    public static WeightsResponse From(CategoryWeights weights) =>
        new(weights.PopularOpinion, weights.IndustryRecognition, weights.CulturalImpact, weights.PeopleQuality);
}

public sealed record ProfileResponse(
    int Id,
    string Name,
    string Slug,
    string Description,
    WeightsResponse Weights,
    bool IsDefault,
    bool IsSystem,
    int WeightsVersion)
{
    public static ProfileResponse From(MetricWeightProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.Id, profile.Name, ProfileSlug.From(profile.Name), profile.Description, WeightsResponse.From(profile.Weights),
            profile.IsDefault, profile.IsSystem, profile.WeightsVersion);
    }
}

/// <summary>The <c>status</c> values of a cache read.</summary>
public static class ReadStatus
{
    public const string Ready = "ready";
    public const string Missing = "missing";
}

public sealed record PredictionEntryResponse(int Rank, string ImdbId, string Title, int Year, double TotalScore, double Likelihood, string Status)
{
    public static PredictionEntryResponse From(PredictionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Rank, entry.ImdbId, entry.Title, entry.Year, entry.TotalScore, entry.Likelihood, entry.Status);
    }
}

public sealed record PredictionsReady(
    int Decade,
    string Profile,
    DateTimeOffset CalculatedAt,
    bool Stale,
    IReadOnlyList<string> StaleReasons,
    PredictionStatistics Statistics,
    IReadOnlyList<PredictionEntryResponse> Entries)
{
    [JsonPropertyOrder(-1)]
    public string Status => ReadStatus.Ready;
}

public sealed record PredictionsMissing(int Decade, string Profile)
{
    [JsonPropertyOrder(-1)]
    public string Status => ReadStatus.Missing;
}

public sealed record ValidationReady(
    string Profile,
    DateTimeOffset CalculatedAt,
    bool Stale,
    IReadOnlyList<string> StaleReasons,
    ProfileValidation Validation,
    EditionBacktest Backtest)
{
    [JsonPropertyOrder(-1)]
    public string Status => ReadStatus.Ready;
}

public sealed record ValidationMissing(string Profile)
{
    [JsonPropertyOrder(-1)]
    public string Status => ReadStatus.Missing;
}

public sealed record ComparisonReady(DateTimeOffset CalculatedAt, bool Stale, IReadOnlyList<string> StaleReasons, ProfileComparisonResult Comparison)
{
    [JsonPropertyOrder(-1)]
    public string Status => ReadStatus.Ready;
}

public sealed record ComparisonMissing
{
    [JsonPropertyOrder(-1)]
    public string Status => ReadStatus.Missing;
}

public sealed record RefreshRequest(string? Profile, IReadOnlyList<int>? Decades);

/// <summary>A profile to save or edit: <c>{"name","description","weights":{"popularOpinion",…}}</c>, weights as shares summing to 1.</summary>
public sealed record ProfileRequest(string? Name, string? Description, WeightsResponse? Weights)
{
    public CategoryWeights? CategoryWeights =>
        Weights is { } w ? new CategoryWeights(w.PopularOpinion, w.IndustryRecognition, w.CulturalImpact, w.PeopleQuality) : null;
}

public sealed record JobProgressResponse(int Done, int Total, string? Note);

public sealed record JobResponse(
    long Id,
    int ProfileId,
    string State,
    int Attempt,
    int MaxAttempts,
    JobProgressResponse Progress,
    IReadOnlyList<int> Decades,
    bool IncludeValidation,
    bool CancelRequested,
    DateTimeOffset InsertedAt,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? AttemptedAt,
    DateTimeOffset? HeartbeatAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? DiscardedAt,
    IReadOnlyList<JobError> Errors,
    string Kind,
    string? Node,
    IReadOnlyList<JobAttemptResponse> Attempts,
    JobEstimateResponse? Estimate)
{
    /// <summary>
    /// The job; <paramref name="admin"/> false gives the visitor's view of its errors (<see cref="JobErrors.ForVisitor"/>)
    /// and no node names. <paramref name="estimate"/> is its time estimate while unfinished.
    /// </summary>
    public static JobResponse From(RefreshJob job, bool admin, JobEstimate? estimate = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var decades = job.Decades.ToArray();
        var errors = admin ? job.Errors : JobErrors.ForVisitor(job.Errors);
        return new(job.Id, job.ProfileId, job.State, job.Attempt, job.MaxAttempts, new JobProgressResponse(job.ProgressDone, job.ProgressTotal, job.ProgressNote),
            decades, job.IncludeValidation, job.CancelRequested, job.InsertedAt, job.ScheduledAt, job.AttemptedAt, job.HeartbeatAt, job.CompletedAt,
            job.CancelledAt, job.DiscardedAt, errors, job.Kind, admin ? job.AttemptedBy : null,
            [.. job.Attempts.Select(a => JobAttemptResponse.From(a, errors.LastOrDefault(e => e.Attempt == a.Number)?.Message, admin))],
            estimate is null ? null : new JobEstimateResponse(estimate.Expected.TotalSeconds, estimate.Remaining.TotalSeconds, estimate.BasedOn));
    }
}

/// <summary>One attempt: node (administrators only), start, end, outcome, each step's seconds, and its error's short message.</summary>
public sealed record JobAttemptResponse(int Number, string? Node, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, IReadOnlyList<JobStep> Steps, string? Error)
{
    public static JobAttemptResponse From(JobAttemptRecord attempt, string? error, bool admin)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new(attempt.Number, admin ? attempt.Node : null, attempt.StartedAt, attempt.EndedAt, attempt.Outcome, attempt.Steps, error);
    }
}

/// <summary>How long the job is expected to take in all and how long is left, from the last <see cref="BasedOn"/> completed jobs like it.</summary>
public sealed record JobEstimateResponse(double ExpectedSeconds, double RemainingSeconds, int BasedOn);

/// <summary>One page of <c>GET /api/jobs</c>, newest first, with the number of jobs in each state (all jobs).</summary>
public sealed record JobPageResponse(IReadOnlyList<JobResponse> Jobs, int Page, int PageSize, int Total, int PageCount, IReadOnlyDictionary<string, int> Counts)
{
    public static JobPageResponse From(JobListPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new([.. page.Jobs.Select(j => JobResponse.From(j, admin: true))], page.Page, page.PageSize, page.Total, page.PageCount, page.CountsByState);
    }
}

/// <summary>The job a refresh or retry queued, or with <see cref="Conflict"/> the profile's unfinished job that was already there.</summary>
public sealed record EnqueueResponse(JobResponse Job, bool Conflict)
{
    /// <summary>Only administrators queue jobs, so they see the job whole.</summary>
    public static EnqueueResponse From(EnqueueResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(JobResponse.From(result.Job, admin: true), result.Conflict);
    }
}

public sealed record EnqueueAllResponse(IReadOnlyList<EnqueueResponse> Results);

/// <summary>What a cancel did: <c>cancelled</c>, <c>requested</c> (the job runs and was told to stop) or <c>alreadyFinished</c>.</summary>
public sealed record CancelResponse(string Outcome, JobResponse? Job);

public sealed record CacheClearedResponse(string? Profile, int DeletedRows);

/// <summary>The cache status; <see cref="DataChanged"/> (with its message) when the data changed and every profile should be refreshed.</summary>
public sealed record CacheStatusResponse(DateTimeOffset At, int DataVersion, IReadOnlyList<ProfileCacheStatusResponse> Profiles, RowStatus Comparison, DataChangeResponse? DataChanged);

public sealed record DataChangeResponse(int DataVersion, bool CatalogueReplaced, int CatalogueSince, string Message, bool RefreshAll)
{
    public static DataChangeResponse? From(DataChange? change) =>
        change is null ? null : new(change.DataVersion, change.CatalogueReplaced, change.CatalogueSince, change.Message, RefreshAll: true);
}

public sealed record ProfileCacheStatusResponse(
    int ProfileId,
    string ProfileName,
    string Slug,
    int WeightsVersion,
    IReadOnlyList<RowStatus> Decades,
    RowStatus Validation,
    JobSummary? LatestJob)
{
    /// <summary>The profile's status; <paramref name="admin"/> false gives the visitor's view of its latest job (<see cref="JobSummary.ForVisitor"/>).</summary>
    public static ProfileCacheStatusResponse From(ProfileCacheStatus status, bool admin)
    {
        ArgumentNullException.ThrowIfNull(status);
        var job = admin ? status.LatestJob : status.LatestJob?.ForVisitor();
        return new(status.ProfileId, status.ProfileName, ProfileSlug.From(status.ProfileName), status.WeightsVersion, status.Decades, status.Validation, job);
    }
}
