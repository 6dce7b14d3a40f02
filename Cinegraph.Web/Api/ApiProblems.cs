using System.Data.Common;
using Cinegraph.Core.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cinegraph.Web.Api;

/// <summary>The ProblemDetails answers the endpoints share, and the lookups that produce them.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(title: "Database unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);

    public static ProblemHttpResult UnknownProfile(string slug) => NotFound($"No active profile has the slug '{slug}'.");

    public static ProblemHttpResult UnknownDecade(int decade) =>
        NotFound($"{decade} is not a decade of the catalogue ({MoviePredictor.FirstDecade}–{MoviePredictor.LastDecade}, e.g. 2020).");

    /// <summary>The profile with that slug, or the default profile when none is given; null with a 404 when there is none.</summary>
    public static async Task<(MetricWeightProfile? Profile, ProblemHttpResult? Problem)> ResolveProfileAsync(
        ProfileService profiles, string? slug, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            var fallback = await profiles.GetDefaultAsync(cancellationToken);
            return fallback is null ? (null, NotFound("There is no default profile; name one with ?profile=<slug>.")) : (fallback, null);
        }

        var profile = await profiles.FindBySlugAsync(slug, cancellationToken);
        return profile is null ? (null, UnknownProfile(slug)) : (profile, null);
    }

    /// <summary>True for an exception that means the database could not be reached or read.</summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        exception is DbException or TimeoutException
        || (exception.InnerException is { } inner && IsDatabaseFailure(inner));
}

/// <summary>Turns a database failure inside an endpoint into 503 ProblemDetails instead of a 500.</summary>
internal sealed class DatabaseUnavailableFilter(ILogger<DatabaseUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ApiProblems.IsDatabaseFailure(ex))
        {
            ApiLog.DatabaseUnavailable(logger, context.HttpContext.Request.Path, ex);
            return ApiProblems.Unavailable("The database could not be read; try again shortly.");
        }
    }
}

/// <summary>Log messages of the JSON API; EventIds 8200–8299.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 8200, Level = LogLevel.Warning, Message = "Database unavailable while answering {Path}")]
    public static partial void DatabaseUnavailable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "{UserName} cleared {Rows} cache rows of profile {ProfileId}")]
    public static partial void ClearedProfile(ILogger logger, string? userName, int rows, int profileId);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Information, Message = "{UserName} cleared all {Rows} cache rows")]
    public static partial void ClearedAll(ILogger logger, string? userName, int rows);
}
