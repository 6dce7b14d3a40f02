namespace Cinegraph.Web.Auth;

/// <summary>Log messages of sign-in and rate limiting; EventIds 8100–8199.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning,
        Message = "No admin password is configured (Admin:Password or Admin:PasswordHash). Generated one for this process: user {UserName}, password {Password}")]
    public static partial void GeneratedAdminPassword(ILogger logger, string userName, string password);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Admin {UserName} signed in from {RemoteIp}")]
    public static partial void SignedIn(ILogger logger, string userName, string remoteIp);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Failed login from {RemoteIp}")]
    public static partial void LoginFailed(ILogger logger, string remoteIp);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Logins from {RemoteIp} are throttled after too many failures")]
    public static partial void LoginThrottled(ILogger logger, string remoteIp);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "Rate limit hit on {Path} by {Partition}")]
    public static partial void RateLimited(ILogger logger, string path, string partition);

    [LoggerMessage(EventId = 8105, Level = LogLevel.Warning, Message = "An admin session could not be checked: the database did not answer; the request counts as anonymous")]
    public static partial void SessionCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8106, Level = LogLevel.Information, Message = "Admin {UserName} signed out")]
    public static partial void SignedOut(ILogger logger, string? userName);
}
