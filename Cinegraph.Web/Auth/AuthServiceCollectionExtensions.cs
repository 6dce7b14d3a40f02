using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Cinegraph.Core.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cinegraph.Web.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>The authorization policy of everything that changes the cache or the queue.</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>The rate-limit policy of refresh requests, partitioned per user.</summary>
    public const string RefreshRateLimit = "refresh";

    public const string CookieName = "cinegraph.auth";

    /// <summary>The data protection application name: the same on every node, so they share keys and cookies.</summary>
    public const string DataProtectionApplicationName = "Cinegraph";

    /// <summary>
    /// Registers cookie authentication (an HttpOnly, SameSite=Lax cookie; API paths get 401/403, never a redirect),
    /// the Admin policy, the admin account (section <c>Admin</c>, validated at start), login throttling and the
    /// per-user refresh rate limit (section <c>Auth</c>).
    /// </summary>
    public static IServiceCollection AddCinegraphAuth(this IServiceCollection services, Func<HttpContext, bool> isApiRequest)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(isApiRequest);

        services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.PasswordHash) || IsIdentityV3Hash(o.PasswordHash), "Admin:PasswordHash is not an ASP.NET Core Identity v3 password hash.")
            .ValidateOnStart();
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<AdminAccount>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AdminAccount>(sp => sp.GetRequiredService<AdminAccount>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, GeneratedPasswordBox>());
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton<AdminSignIn>();
        services.TryAddSingleton<AdminSessions>();

        // Replaces the framework's provider (registered by AddInteractiveServerComponents): the circuit revalidates.
        services.AddScoped<AuthenticationStateProvider, AdminAuthenticationStateProvider>();

        // One key ring for every node, in the database: a cookie issued by one node is accepted by the others.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IDbContextFactory<CinegraphDbContext>>((keys, dbFactory) => keys.XmlRepository = new DatabaseKeyRepository(dbFactory));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = auth.Value.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.AccessDeniedPath = "/login";
                cookie.ReturnUrlParameter = "returnUrl";

                // Scripts and the hub get a status code (turned into ProblemDetails by the API pipeline), not a page.
                cookie.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized, isApiRequest);
                cookie.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden, isApiRequest);
                cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(AdminAccount.AdminRole));
        services.AddCascadingAuthenticationState();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<AuthOptions>>((limiter, auth) =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.AddPolicy(RefreshRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                    context.User.Identity?.Name ?? LoginThrottle.ClientKey(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = auth.Value.RefreshLimit,
                        Window = auth.Value.RefreshWindow,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
                limiter.OnRejected = (context, _) =>
                {
                    var http = context.HttpContext;
                    if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    {
                        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    }

                    var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthServiceCollectionExtensions));
                    AuthLog.RateLimited(logger, http.Request.Path, http.User.Identity?.Name ?? LoginThrottle.ClientKey(http));
                    return ValueTask.CompletedTask;
                };
            });
        return services;
    }

    /// <summary>Authentication, authorization and rate limiting, in that order; before anti-forgery and the endpoints.</summary>
    public static IApplicationBuilder UseCinegraphAuth(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Each request: the cookie's session must still be active (revoked or of an old password: the cookie is deleted).</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<AdminSessions>();
        var check = context.Principal is { } principal ? await sessions.CheckAsync(principal, context.HttpContext.RequestAborted) : SessionCheck.Void;
        if (check == SessionCheck.Active)
        {
            return;
        }

        context.RejectPrincipal();
        if (check == SessionCheck.Void)
        {
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status, Func<HttpContext, bool> isApiRequest)
    {
        if (isApiRequest(context.HttpContext))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    // Format marker 0x01, then PRF, iteration count and salt length (4 bytes each), salt and subkey.
    private static bool IsIdentityV3Hash(string hash)
    {
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash.Trim(), bytes, out var written) && written > 13 && bytes[0] == 0x01;
    }
}
