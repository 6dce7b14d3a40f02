using Cinegraph.Core.Caching;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cinegraph.Web.Api;

/// <summary>Public reads of the prediction cache: predictions, validation, comparison. They never compute anything.</summary>
internal static class PredictionEndpoints
{
    public const int DefaultLimit = 100;

    public static RouteGroupBuilder MapPredictionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/predictions", GetPredictionsAsync).WithName("GetPredictions");
        api.MapGet("/validation", GetValidationAsync).WithName("GetValidation");
        api.MapGet("/comparison", GetComparisonAsync).WithName("GetComparison");
        return api;
    }

    /// <summary><c>GET /api/predictions?decade=2020&amp;profile=balanced&amp;limit=100</c>: the page's read model, predictions only.</summary>
    internal static async Task<Results<Ok<PredictionsReady>, Ok<PredictionsMissing>, ValidationProblem, ProblemHttpResult>> GetPredictionsAsync(
        int? decade,
        string? profile,
        int? limit,
        PredictionsPageQuery query,
        CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MoviePredictor.DefaultLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be between 1 and {MoviePredictor.DefaultLimit}."],
            });
        }

        var wanted = decade ?? MoviePredictor.LastDecade;
        return await query.ReadAsync(wanted, profile, take, PageParts.Predictions, cancellationToken) switch
        {
            PageRead.UnknownDecade => ApiProblems.UnknownDecade(wanted),
            PageRead.UnknownProfile when string.IsNullOrWhiteSpace(profile) => ApiProblems.NotFound("There is no default profile; name one with ?profile=<slug>."),
            PageRead.UnknownProfile { Slug: var slug } => ApiProblems.UnknownProfile(slug),
            PageRead.Unavailable { Reason: var reason } => ApiProblems.Unavailable(reason),
            PageRead.Ready { Page: var page } => page.Predictions switch
            {
                CacheRead<CachedPredictions>.Ready { Value: var p } => TypedResults.Ok(new PredictionsReady(
                    wanted, ProfileSlug.From(page.Profile.Name), p.CalculatedAt, p.Freshness.IsStale, p.Freshness.Reasons, p.Statistics,
                    [.. p.Entries.Select(PredictionEntryResponse.From)])),
                CacheRead<CachedPredictions>.Unavailable { Reason: var reason } => ApiProblems.Unavailable(reason),
                _ => TypedResults.Ok(new PredictionsMissing(wanted, ProfileSlug.From(page.Profile.Name))),
            },
            _ => throw new InvalidOperationException("Unknown page read."),
        };
    }

    /// <summary><c>GET /api/validation?profile=balanced</c>.</summary>
    internal static async Task<Results<Ok<ValidationReady>, Ok<ValidationMissing>, ProblemHttpResult>> GetValidationAsync(
        string? profile,
        ProfileService profiles,
        PredictionsCache cache,
        CancellationToken cancellationToken)
    {
        var (found, problem) = await ApiProblems.ResolveProfileAsync(profiles, profile, cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        var slug = ProfileSlug.From(found.Name);
        return await cache.GetValidationAsync(found.Id, cancellationToken) switch
        {
            CacheRead<CachedProfileValidation>.Ready { Value: var v } => TypedResults.Ok(new ValidationReady(
                slug, v.CalculatedAt, v.Freshness.IsStale, v.Freshness.Reasons, v.Validation, v.Backtest)),
            CacheRead<CachedProfileValidation>.Unavailable { Reason: var reason } => ApiProblems.Unavailable(reason),
            _ => TypedResults.Ok(new ValidationMissing(slug)),
        };
    }

    /// <summary><c>GET /api/comparison</c>: every active profile × decade, as last computed.</summary>
    internal static async Task<Results<Ok<ComparisonReady>, Ok<ComparisonMissing>, ProblemHttpResult>> GetComparisonAsync(
        PredictionsCache cache,
        CancellationToken cancellationToken) =>
        await cache.GetComparisonAsync(cancellationToken) switch
        {
            CacheRead<CachedComparison>.Ready { Value: var c } => TypedResults.Ok(new ComparisonReady(
                c.CalculatedAt, c.Freshness.IsStale, c.Freshness.Reasons, c.Comparison)),
            CacheRead<CachedComparison>.Unavailable { Reason: var reason } => ApiProblems.Unavailable(reason),
            _ => TypedResults.Ok(new ComparisonMissing()),
        };
}
