using System.Globalization;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cinegraph.Web.Api;

/// <summary>The JSON login for scripts: <c>POST /api/auth/login</c> sets the same cookie as the login page.</summary>
internal static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth");
        auth.MapPost("/login", LoginAsync).WithName("Login").AllowAnonymous();

        auth.MapPost("/logout", LogoutAsync).WithName("Logout").AllowAnonymous();
        return api;
    }

    internal static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest? request,
        HttpContext context,
        AdminSignIn signIn,
        AdminAccount account)
    {
        var (result, retryAfter) = await signIn.SignInAsync(context, request?.UserName, request?.Password);
        switch (result)
        {
            case SignInResult.SignedIn:
                return TypedResults.Ok(new LoginResponse(account.UserName, [AdminAccount.AdminRole]));
            case SignInResult.Throttled:
                if (retryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return TypedResults.Problem(title: "Too many requests", detail: AdminSignIn.ThrottledMessage, statusCode: StatusCodes.Status429TooManyRequests);
            default:
                return TypedResults.Problem(title: "Unauthorized", detail: AdminSignIn.InvalidCredentialsMessage, statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    internal static async Task<NoContent> LogoutAsync(HttpContext context, AdminSignIn signIn)
    {
        await signIn.SignOutAsync(context);
        return TypedResults.NoContent();
    }
}
