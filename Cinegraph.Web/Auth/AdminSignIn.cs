using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cinegraph.Web.Auth;

/// <summary>What a sign-in attempt came to.</summary>
public enum SignInResult
{
    SignedIn,

    /// <summary>The user name or the password is wrong (which one is never told).</summary>
    InvalidCredentials,

    /// <summary>Too many failed logins from this client; nothing was checked.</summary>
    Throttled,
}

/// <summary>Signs the administrator in and out with the auth cookie; shared by the login page and the JSON API.</summary>
public sealed class AdminSignIn(AdminAccount account, AdminSessions sessions, LoginThrottle throttle, ILogger<AdminSignIn> logger)
{
    /// <summary>The one message of every refused login, whichever part was wrong.</summary>
    public const string InvalidCredentialsMessage = "The user name or password is incorrect.";

    public const string ThrottledMessage = "Too many failed sign-in attempts. Wait a minute and try again.";

    /// <summary>Checks the credentials and, when right, sets the auth cookie on <paramref name="context"/>'s response.</summary>
    public async Task<(SignInResult Result, TimeSpan? RetryAfter)> SignInAsync(HttpContext context, string? userName, string? password)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clientKey = LoginThrottle.ClientKey(context);
        if (throttle.IsBlocked(clientKey, out var retryAfter))
        {
            AuthLog.LoginThrottled(logger, clientKey);
            return (SignInResult.Throttled, retryAfter);
        }

        if (!account.Verify(userName, password))
        {
            throttle.RecordFailure(clientKey);
            AuthLog.LoginFailed(logger, clientKey);
            return (SignInResult.InvalidCredentials, null);
        }

        var sessionId = await sessions.StartAsync(context.RequestAborted);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, account.CreatePrincipal(sessionId));
        AuthLog.SignedIn(logger, account.UserName, clientKey);
        return (SignInResult.SignedIn, null);
    }

    /// <summary>Revokes the session on the server (a saved copy of the cookie stops working) and deletes the cookie.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await sessions.RevokeAsync(context.User, context.RequestAborted);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        AuthLog.SignedOut(logger, context.User.Identity?.Name);
    }
}
