using System.Security.Cryptography;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Sessions;

/// <summary>Starts, checks and revokes <see cref="AdminSession"/> rows; one short query each.</summary>
public sealed class AdminSessionStore(IDbContextFactory<CinegraphDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// Starts a session under <paramref name="credentialStamp"/> and returns its id. Rows that can no longer be used
    /// (revoked, of another credential, or unseen for longer than <paramref name="lifetime"/>) are deleted first.
    /// </summary>
    public async Task<string> StartAsync(string credentialStamp, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialStamp);
        var now = time.GetUtcNow();
        var unseenSince = now - lifetime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AdminSessions
            .Where(s => s.RevokedAt != null || s.CredentialStamp != credentialStamp || s.LastSeenAt < unseenSince)
            .ExecuteDeleteAsync(cancellationToken);
        var id = Base64UrlId();
        db.AdminSessions.Add(new AdminSession { Id = id, CredentialStamp = credentialStamp, CreatedAt = now, LastSeenAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>True when the session exists, is not revoked and was started under <paramref name="credentialStamp"/>; then marks it seen.</summary>
    public async Task<bool> TouchAsync(string sessionId, string credentialStamp, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > AdminSession.MaxKeyLength)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var touched = await db.AdminSessions
            .Where(s => s.Id == sessionId && s.RevokedAt == null && s.CredentialStamp == credentialStamp)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastSeenAt, now), cancellationToken);
        return touched == 1;
    }

    /// <summary>Revokes the session (sign-out); it never validates again.</summary>
    public async Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AdminSessions
            .Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now), cancellationToken);
    }

    private static string Base64UrlId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
