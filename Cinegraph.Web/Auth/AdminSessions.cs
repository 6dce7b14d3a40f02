using System.Collections.Concurrent;
using System.Security.Claims;
using Cinegraph.Core.Sessions;
using Cinegraph.Web.Api;
using Microsoft.Extensions.Options;

namespace Cinegraph.Web.Auth;

/// <summary>What a session check found.</summary>
public enum SessionCheck
{
    /// <summary>The session exists, is not revoked and belongs to today's credential.</summary>
    Active,

    /// <summary>No such session, signed out, or started under another password: the cookie is worthless.</summary>
    Void,

    /// <summary>The database could not be asked; the request is treated as anonymous but the cookie is kept.</summary>
    Unknown,
}

/// <summary>
/// The server side of the auth cookie: each sign-in is an <see cref="AdminSession"/> row named by the cookie's
/// <see cref="SessionClaim"/>. Every request (and every circuit revalidation) checks the row, through an in-memory
/// answer kept for <see cref="AuthOptions.SessionCheckInterval"/>; a sign-out on this node is seen at once, on another
/// node within that interval.
/// </summary>
public sealed class AdminSessions(AdminSessionStore store, AdminAccount account, TimeProvider time, IOptions<AuthOptions> options, ILogger<AdminSessions> logger)
{
    /// <summary>The claim of the auth cookie that names its session row.</summary>
    public const string SessionClaim = "cinegraph:session";

    private const int PruneAbove = 1000;

    private readonly ConcurrentDictionary<string, (bool Active, long CheckedAt)> _answers = new(StringComparer.Ordinal);

    /// <summary>Starts a session for a sign-in that has just been verified; returns its id for the cookie.</summary>
    public Task<string> StartAsync(CancellationToken cancellationToken) =>
        store.StartAsync(account.CredentialStamp, options.Value.SessionLifetime, cancellationToken);

    /// <summary>Whether <paramref name="user"/>'s session still holds.</summary>
    public async Task<SessionCheck> CheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!AdminAccount.IsAdmin(user) || user.FindFirstValue(SessionClaim) is not { Length: > 0 } id)
        {
            return SessionCheck.Void;
        }

        if (_answers.TryGetValue(id, out var answer) && time.GetElapsedTime(answer.CheckedAt) < options.Value.SessionCheckInterval)
        {
            return answer.Active ? SessionCheck.Active : SessionCheck.Void;
        }

        bool active;
        try
        {
            active = await store.TouchAsync(id, account.CredentialStamp, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ApiProblems.IsDatabaseFailure(ex))
        {
            AuthLog.SessionCheckFailed(logger, ex);
            return SessionCheck.Unknown;
        }

        Remember(id, active);
        return active ? SessionCheck.Active : SessionCheck.Void;
    }

    /// <summary>Ends <paramref name="user"/>'s session on the server: its cookie, wherever it was saved, no longer signs in.</summary>
    public async Task RevokeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.FindFirstValue(SessionClaim) is { Length: > 0 } id)
        {
            await store.RevokeAsync(id, cancellationToken);
            Remember(id, active: false);
        }
    }

    private void Remember(string id, bool active)
    {
        var now = time.GetTimestamp();
        if (_answers.Count > PruneAbove)
        {
            foreach (var (key, old) in _answers)
            {
                if (time.GetElapsedTime(old.CheckedAt, now) >= options.Value.SessionCheckInterval)
                {
                    _answers.TryRemove(key, out _);
                }
            }
        }

        _answers[id] = (active, now);
    }
}
