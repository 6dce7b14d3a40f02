using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cinegraph.Web.Auth;

/// <summary>
/// The administrator account: checks a user name and password in constant time and builds the signed-in principal.
/// Only a PBKDF2 hash of the password is kept in memory. A generated password is logged once, when the host starts.
/// </summary>
public sealed class AdminAccount : IHostedService
{
    /// <summary>The role that may refresh, clear, cancel and save profiles.</summary>
    public const string AdminRole = "Admin";

    private const int GeneratedPasswordLength = 24;
    private const int StampIterations = 100_000;
    private const string GeneratedPasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static readonly AdminUser s_user = new();

    private readonly PasswordHasher<AdminUser> _hasher = new();
    private readonly byte[] _userNameDigest;
    private readonly string _passwordHash;
    private readonly string? _generatedPassword;
    private readonly ILogger<AdminAccount> _logger;
    private int _announced;

    public AdminAccount(IOptions<AdminOptions> options, ILogger<AdminAccount> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _logger = logger;
        UserName = settings.UserName.Trim();
        _userNameDigest = Digest(UserName);
        if (!string.IsNullOrWhiteSpace(settings.PasswordHash))
        {
            _passwordHash = settings.PasswordHash.Trim();
        }
        else
        {
            // A configured password is hashed at once, so no check ever compares clear text.
            _generatedPassword = string.IsNullOrEmpty(settings.Password)
                ? RandomNumberGenerator.GetString(GeneratedPasswordAlphabet, GeneratedPasswordLength)
                : null;
            _passwordHash = _hasher.HashPassword(s_user, settings.Password is { Length: > 0 } configured ? configured : _generatedPassword!);
        }

        var credential = !string.IsNullOrWhiteSpace(settings.PasswordHash) ? settings.PasswordHash.Trim() : settings.Password is { Length: > 0 } clear ? clear : _generatedPassword!;
        CredentialStamp = Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(credential), Digest(UserName), StampIterations, HashAlgorithmName.SHA256, 32));
    }

    /// <summary>
    /// Derived from the configured user name and password (or password hash) with PBKDF2, so a session started under
    /// another credential is void; it changes with every generated password, i.e. every start without a configured one.
    /// </summary>
    public string CredentialStamp { get; }

    /// <summary>The configured user name.</summary>
    public string UserName { get; }

    /// <summary>Whether the password was generated at start (none was configured).</summary>
    public bool PasswordWasGenerated => _generatedPassword is not null;

    /// <summary>The password generated at start, for <see cref="GeneratedPasswordBox"/>; null when one is configured.</summary>
    internal string? GeneratedPassword => _generatedPassword;

    /// <summary>
    /// True when both the user name (case-insensitive) and the password are right. The password hash is always
    /// verified and both comparisons take constant time, so the answer's timing tells nothing about which part was wrong.
    /// </summary>
    public bool Verify(string? userName, string? password)
    {
        var userNameMatches = CryptographicOperations.FixedTimeEquals(Digest(userName ?? ""), _userNameDigest);
        var passwordMatches = _hasher.VerifyHashedPassword(s_user, _passwordHash, password ?? "") != PasswordVerificationResult.Failed;
        return userNameMatches & passwordMatches;
    }

    /// <summary>The principal of a signed-in administrator (cookie scheme) in the session <paramref name="sessionId"/>.</summary>
    public ClaimsPrincipal CreatePrincipal(string sessionId)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, UserName), new Claim(ClaimTypes.Role, AdminRole), new Claim(AdminSessions.SessionClaim, sessionId)],
            CookieAuthenticationDefaults.AuthenticationScheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>True when <paramref name="user"/> is a signed-in administrator.</summary>
    public static bool IsAdmin(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && user.IsInRole(AdminRole);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_generatedPassword is not null && Interlocked.Exchange(ref _announced, 1) == 0)
        {
            AuthLog.GeneratedAdminPassword(_logger, UserName, _generatedPassword);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static byte[] Digest(string userName) => SHA256.HashData(Encoding.UTF8.GetBytes(userName.Trim().ToUpperInvariant()));
}

/// <summary>The user type <see cref="PasswordHasher{TUser}"/> is generic over; it carries nothing.</summary>
internal sealed class AdminUser;
