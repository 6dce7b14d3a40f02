using System.Security.Claims;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cinegraph.Web.Api;

/// <summary>The refresh queue and the cache rows: status and job reads are public, every change needs the Admin role.</summary>
internal static class RefreshEndpoints
{
    public static RouteGroupBuilder MapRefreshEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cache/status", GetCacheStatusAsync).WithName("GetCacheStatus");
        api.MapGet("/jobs/{id:long}", GetJobAsync).WithName("GetJob");
        api.MapGet("/jobs", ListJobsAsync).WithName("ListJobs").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);

        // Every admin mutation: JSON or no body, from this site or a script (AdminRequestFilter), and rate-limited per user.
        var admin = api.MapGroup("")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .RequireRateLimiting(AuthServiceCollectionExtensions.RefreshRateLimit)
            .AddEndpointFilter<AdminRequestFilter>();
        admin.MapPost("/refresh", RefreshAsync).WithName("Refresh");
        admin.MapPost("/refresh/all", RefreshAllAsync).WithName("RefreshAll");
        admin.MapPost("/jobs/{id:long}/cancel", CancelAsync).WithName("CancelJob");
        admin.MapPost("/jobs/{id:long}/retry", RetryAsync).WithName("RetryJob");
        admin.MapDelete("/jobs/{id:long}", DeleteJobAsync).WithName("DeleteJob");
        admin.MapDelete("/cache/{profile}", ClearProfileAsync).WithName("ClearProfileCache");
        admin.MapDelete("/cache", ClearAllAsync).WithName("ClearCache");
        return api;
    }

    /// <summary><c>GET /api/cache/status</c>: public; a job's error text only for administrators.</summary>
    internal static async Task<Ok<CacheStatusResponse>> GetCacheStatusAsync(CacheStatusReader reader, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var status = await reader.GetStatusAsync(cancellationToken);
        var admin = AdminAccount.IsAdmin(user);
        return TypedResults.Ok(new CacheStatusResponse(status.At, status.DataVersion, [.. status.Profiles.Select(p => ProfileCacheStatusResponse.From(p, admin))], status.Comparison, DataChangeResponse.From(status.DataChanged)));
    }

    /// <summary><c>GET /api/jobs/{id}</c>: public; the errors' text and type only for administrators.</summary>
    internal static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJobAsync(
        long id, JobQueries jobs, JobEstimates estimates, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(id, cancellationToken) is not { } job)
        {
            return ApiProblems.NotFound($"No job has the id {id}.");
        }

        var estimate = await estimates.EstimateAsync(CacheStatusReader.Summarize(job), cancellationToken);
        return TypedResults.Ok(JobResponse.From(job, AdminAccount.IsAdmin(user), estimate));
    }

    /// <summary><c>GET /api/jobs?state=&amp;profile=&amp;id=&amp;page=&amp;pageSize=</c>: administrators only; the jobs list's page, newest first.</summary>
    internal static async Task<Results<Ok<JobPageResponse>, ValidationProblem>> ListJobsAsync(
        string? state,
        string? profile,
        long? id,
        int? page,
        int? pageSize,
        JobQueries jobs,
        ProfileService profiles,
        CancellationToken cancellationToken)
    {
        int? profileId = null;
        if (!string.IsNullOrWhiteSpace(profile))
        {
            if (await profiles.FindBySlugAsync(profile, cancellationToken) is not { } found)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["profile"] = [$"No active profile has the slug '{profile}'."] });
            }

            profileId = found.Id;
        }

        var filter = new JobFilter(string.IsNullOrWhiteSpace(state) ? null : state, profileId, id, page ?? 1, pageSize ?? JobFilter.DefaultPageSize);
        if (filter.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["filter"] = [.. errors] });
        }

        return TypedResults.Ok(JobPageResponse.From(await jobs.PageAsync(filter, cancellationToken)));
    }

    /// <summary><c>POST /api/refresh</c> <c>{"profile":"balanced"}</c>: 202 with the job, or the running one with <c>conflict: true</c>.</summary>
    internal static async Task<Results<Accepted<EnqueueResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest? request,
        ProfileService profiles,
        RefreshManager manager,
        CancellationToken cancellationToken)
    {
        var unknown = request?.Decades?.Where(d => !MoviePredictor.IsSupportedDecade(d)).ToArray() ?? [];
        if (unknown.Length > 0 || request?.Decades is { Count: 0 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["decades"] = [$"Decades must be some of {string.Join(", ", MoviePredictor.Decades)}; leave them out for all."],
            });
        }

        var (profile, problem) = await ApiProblems.ResolveProfileAsync(profiles, request?.Profile, cancellationToken);
        if (profile is null)
        {
            return problem!;
        }

        try
        {
            var result = await manager.EnqueueAsync(profile.Id, request?.Decades, cancellationToken);
            return TypedResults.Accepted($"/api/jobs/{result.Job.Id}", EnqueueResponse.From(result));
        }
        catch (KeyNotFoundException)
        {
            // Deleted between the lookup and the insert.
            return ApiProblems.UnknownProfile(request?.Profile ?? ProfileSlug.From(profile.Name));
        }
    }

    internal static async Task<Accepted<EnqueueAllResponse>> RefreshAllAsync(RefreshManager manager, CancellationToken cancellationToken)
    {
        var results = await manager.EnqueueAllAsync(cancellationToken);
        return TypedResults.Accepted("/api/cache/status", new EnqueueAllResponse([.. results.Select(EnqueueResponse.From)]));
    }

    internal static async Task<Results<Ok<CancelResponse>, ProblemHttpResult>> CancelAsync(long id, RefreshManager manager, CancellationToken cancellationToken)
    {
        var outcome = await manager.CancelAsync(id, cancellationToken);
        if (outcome == CancelOutcome.NotFound)
        {
            return ApiProblems.NotFound($"No job has the id {id}.");
        }

        var job = await manager.GetJobAsync(id, cancellationToken);
        var name = outcome switch
        {
            CancelOutcome.Cancelled => "cancelled",
            CancelOutcome.Requested => "requested",
            _ => "alreadyFinished",
        };
        return TypedResults.Ok(new CancelResponse(name, job is null ? null : JobResponse.From(job, admin: true)));
    }

    internal static async Task<Results<Accepted<EnqueueResponse>, ProblemHttpResult>> RetryAsync(long id, RefreshManager manager, CancellationToken cancellationToken) =>
        await manager.RetryAsync(id, cancellationToken) is { } result
            ? TypedResults.Accepted($"/api/jobs/{result.Job.Id}", EnqueueResponse.From(result))
            : ApiProblems.NotFound($"No job has the id {id}.");

    /// <summary><c>DELETE /api/jobs/{id}</c>: deletes a finished job (204); 409 while it has not finished (cancel it first).</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteJobAsync(long id, RefreshManager manager, JobQueries jobs, CancellationToken cancellationToken)
    {
        if (await manager.DeleteFinishedAsync([id], cancellationToken) == 1)
        {
            return TypedResults.NoContent();
        }

        return await jobs.GetAsync(id, cancellationToken) is { } job
            ? TypedResults.Problem(title: "Job not finished", detail: $"Job {id} is {job.State}; cancel it before deleting it.", statusCode: StatusCodes.Status409Conflict)
            : ApiProblems.NotFound($"No job has the id {id}.");
    }

    internal static async Task<Results<Ok<CacheClearedResponse>, ProblemHttpResult>> ClearProfileAsync(
        string profile,
        ProfileService profiles,
        PredictionCacheWriter writer,
        ClaimsPrincipal user,
        ILogger<PredictionCacheWriter> logger,
        CancellationToken cancellationToken)
    {
        var found = await profiles.FindBySlugAsync(profile, cancellationToken);
        if (found is null)
        {
            return ApiProblems.UnknownProfile(profile);
        }

        var rows = await writer.ClearProfileAsync(found.Id, cancellationToken);
        ApiLog.ClearedProfile(logger, user.Identity?.Name, rows, found.Id);
        return TypedResults.Ok(new CacheClearedResponse(ProfileSlug.From(found.Name), rows));
    }

    internal static async Task<Ok<CacheClearedResponse>> ClearAllAsync(
        PredictionCacheWriter writer,
        ClaimsPrincipal user,
        ILogger<PredictionCacheWriter> logger,
        CancellationToken cancellationToken)
    {
        var rows = await writer.ClearAllAsync(cancellationToken);
        ApiLog.ClearedAll(logger, user.Identity?.Name, rows);
        return TypedResults.Ok(new CacheClearedResponse(null, rows));
    }
}
