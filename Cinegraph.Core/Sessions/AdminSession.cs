namespace Cinegraph.Core.Sessions;

/// <summary>
/// <c>admin_sessions</c>: one row per administrator sign-in. The auth cookie names its row; the cookie is honoured
/// only while the row exists, is not revoked and carries the credential stamp of the password configured now.
/// </summary>
public sealed class AdminSession
{
    /// <summary>Longest <see cref="Id"/> and <see cref="CredentialStamp"/>.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>A random, unguessable id (base64url of 32 bytes).</summary>
    public required string Id { get; set; }

    /// <summary>Derived from the administrator credential configured at sign-in; another password makes the session void.</summary>
    public required string CredentialStamp { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last time a request of this session was checked (at most once per check interval).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Set by sign-out; a revoked session never comes back.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
