using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Cinegraph.Web.Auth;

/// <summary>
/// The circuit's authentication state, checked again every <see cref="AuthOptions.CircuitRevalidationInterval"/>:
/// once the session is signed out (or the password changed, or the database cannot confirm it), an open page loses
/// its admin rights without a reload.
/// </summary>
public sealed class AdminAuthenticationStateProvider(ILoggerFactory loggerFactory, AdminSessions sessions, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.CircuitRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return await sessions.CheckAsync(authenticationState.User, cancellationToken) == SessionCheck.Active;
    }
}
