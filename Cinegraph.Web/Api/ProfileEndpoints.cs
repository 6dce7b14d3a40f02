using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cinegraph.Web.Api;

/// <summary>The profiles: the list is public; saving, editing and deleting a profile needs the Admin role (system profiles are read-only).</summary>
internal static class ProfileEndpoints
{
    public static RouteGroupBuilder MapProfileEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/profiles", GetProfilesAsync).WithName("GetProfiles");

        // As every admin mutation: JSON or no body, from this site or a script (AdminRequestFilter), rate-limited per user.
        var admin = api.MapGroup("/profiles")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .RequireRateLimiting(AuthServiceCollectionExtensions.RefreshRateLimit)
            .AddEndpointFilter<AdminRequestFilter>();
        admin.MapPost("", CreateAsync).WithName("CreateProfile");
        admin.MapPut("/{profile}", EditAsync).WithName("EditProfile");
        admin.MapDelete("/{profile}", DeleteAsync).WithName("DeleteProfile");
        return api;
    }

    /// <summary><c>GET /api/profiles</c>: the active profiles, in id order.</summary>
    internal static async Task<Ok<IReadOnlyList<ProfileResponse>>> GetProfilesAsync(ProfileService profiles, CancellationToken cancellationToken)
    {
        var active = await profiles.GetActiveAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ProfileResponse>>([.. active.Select(ProfileResponse.From)]);
    }

    /// <summary><c>POST /api/profiles</c>: 201 with the new profile, or 400 with what is wrong.</summary>
    internal static async Task<Results<Created<ProfileResponse>, ValidationProblem>> CreateAsync(
        ProfileRequest? request, PageCommands commands, CancellationToken cancellationToken)
    {
        if (Incomplete(request) is { } incomplete)
        {
            return incomplete;
        }

        var result = await commands.SaveProfileAsync(request!.Name!, request.Description ?? "", request.CategoryWeights!.Value, cancellationToken);
        return result.Profile is { } saved
            ? TypedResults.Created($"/api/profiles/{ProfileSlug.From(saved.Name)}", ProfileResponse.From(saved))
            : Invalid(result.Errors);
    }

    /// <summary><c>PUT /api/profiles/{slug}</c>: 200 with the edited profile; 404 unknown, 409 a system profile, 400 invalid.</summary>
    internal static async Task<Results<Ok<ProfileResponse>, ValidationProblem, ProblemHttpResult>> EditAsync(
        string profile, ProfileRequest? request, ProfileService profiles, PageCommands commands, CancellationToken cancellationToken)
    {
        if (await profiles.FindBySlugAsync(profile, cancellationToken) is not { } found)
        {
            return ApiProblems.UnknownProfile(profile);
        }

        if (found.IsSystem)
        {
            return ReadOnly(found);
        }

        if (Incomplete(request) is { } incomplete)
        {
            return incomplete;
        }

        var result = await commands.EditProfileAsync(found.Id, request!.Name!, request.Description ?? "", request.CategoryWeights!.Value, cancellationToken);
        return result switch
        {
            { Profile: { } edited } => TypedResults.Ok(ProfileResponse.From(edited)),
            { NotFound: true } => ApiProblems.UnknownProfile(profile),
            { ReadOnly: true } => ReadOnly(found),
            _ => Invalid(result.Errors),
        };
    }

    /// <summary><c>DELETE /api/profiles/{slug}</c>: 204; 404 unknown, 409 a system profile.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string profile, ProfileService profiles, PageCommands commands, CancellationToken cancellationToken)
    {
        if (await profiles.FindBySlugAsync(profile, cancellationToken) is not { } found)
        {
            return ApiProblems.UnknownProfile(profile);
        }

        return await commands.DeleteProfileAsync(found.Id, cancellationToken) switch
        {
            DeleteProfileOutcome.Deleted => TypedResults.NoContent(),
            DeleteProfileOutcome.ReadOnly => ReadOnly(found),
            _ => ApiProblems.UnknownProfile(profile),
        };
    }

    private static ValidationProblem? Incomplete(ProfileRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Name))
        {
            errors["name"] = ["A name is required."];
        }

        if (request?.Weights is null)
        {
            errors["weights"] = ["The four weights are required (popularOpinion, industryRecognition, culturalImpact, peopleQuality; summing to 1)."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    private static ValidationProblem Invalid(IReadOnlyList<string> errors) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["profile"] = [.. errors] });

    private static ProblemHttpResult ReadOnly(MetricWeightProfile profile) =>
        TypedResults.Problem(
            title: "Profile is read-only",
            detail: $"'{profile.Name}' is a system profile: it cannot be edited or deleted.",
            statusCode: StatusCodes.Status409Conflict);
}
