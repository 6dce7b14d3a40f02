using Cinegraph.Core.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cinegraph.Web.Api;

internal static class ProfileEndpoints
{
    public static RouteGroupBuilder MapProfileEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/profiles", GetProfilesAsync).WithName("GetProfiles");
        return api;
    }

    /// <summary><c>GET /api/profiles</c>: the active profiles, in id order.</summary>
    internal static async Task<Ok<IReadOnlyList<ProfileResponse>>> GetProfilesAsync(ProfileService profiles, CancellationToken cancellationToken)
    {
        var active = await profiles.GetActiveAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ProfileResponse>>([.. active.Select(ProfileResponse.From)]);
    }
}
