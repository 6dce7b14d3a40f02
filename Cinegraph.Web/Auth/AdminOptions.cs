using System.ComponentModel.DataAnnotations;

namespace Cinegraph.Web.Auth;

/// <summary>
/// The one administrator account, from the <c>Admin</c> section (e.g. <c>Admin__Password</c> in the environment).
/// With neither <see cref="Password"/> nor <see cref="PasswordHash"/>, a random password is generated at start and
/// logged once; it holds until the process ends.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The administrator's user name (compared case-insensitively); default <c>admin</c>.</summary>
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string UserName { get; set; } = "admin";

    /// <summary>The administrator's password in clear text; at least 8 characters. Ignored when <see cref="PasswordHash"/> is set.</summary>
    [MinLength(8)]
    public string? Password { get; set; }

    /// <summary>
    /// The administrator's password as an ASP.NET Core Identity v3 hash (PBKDF2, as written by
    /// <c>PasswordHasher&lt;T&gt;.HashPassword</c>); takes precedence over <see cref="Password"/>.
    /// </summary>
    public string? PasswordHash { get; set; }
}

/// <summary>Login throttling and the refresh rate limit, from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Failed logins one client IP may make per <see cref="FailedLoginWindow"/> before it gets 429; default 5.</summary>
    [Range(1, 10_000)]
    public int FailedLoginLimit { get; set; } = 5;

    /// <summary>The window of <see cref="FailedLoginLimit"/>; default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Refresh, retry and clear requests one user may make per <see cref="RefreshWindow"/>; default 20.</summary>
    [Range(1, 10_000)]
    public int RefreshLimit { get; set; } = 20;

    /// <summary>The window of <see cref="RefreshLimit"/>; default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RefreshWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a login lasts without use (sliding); default 8 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long one answer of the session table is trusted in memory (a sign-out elsewhere is seen after it); default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an open Blazor circuit checks its session again; default and most 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
