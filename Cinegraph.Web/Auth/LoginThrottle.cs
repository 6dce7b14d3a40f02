using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cinegraph.Web.Auth;

/// <summary>
/// Counts failed logins per client IP in a fixed window (<see cref="AuthOptions.FailedLoginLimit"/> per
/// <see cref="AuthOptions.FailedLoginWindow"/>). Only failures use up the budget, so an administrator who types the
/// password right is never slowed down; once it is spent, every login from that IP is refused until the window ends.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public LoginThrottle(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(clientKey => RateLimitPartition.GetFixedWindowLimiter(
            clientKey,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.FailedLoginLimit,
                Window = settings.FailedLoginWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>The key a request is throttled under: its client IP.</summary>
    public static string ClientKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>True while <paramref name="clientKey"/> has no failed login left in this window; then also how long until it has.</summary>
    public bool IsBlocked(string clientKey, out TimeSpan? retryAfter)
    {
        // Asking for zero permits succeeds while any is left and consumes nothing.
        using var probe = _failures.AttemptAcquire(clientKey, 0);
        retryAfter = !probe.IsAcquired && probe.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
        return !probe.IsAcquired;
    }

    /// <summary>Uses up one failed login of <paramref name="clientKey"/>.</summary>
    public void RecordFailure(string clientKey)
    {
        using var lease = _failures.AttemptAcquire(clientKey);
    }

    public void Dispose() => _failures.Dispose();
}
