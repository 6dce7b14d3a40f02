namespace Cinegraph.Web.Hosting;

/// <summary>
/// Response headers every answer carries: no MIME sniffing, no referrer sent to other sites, and a Content-Security-
/// Policy that lets Blazor Server and MudBlazor run from this origin only (scripts from files here, the circuit's
/// WebSocket to this host; inline style attributes, which MudBlazor sets, are the one allowance).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ReferrerPolicy = "same-origin";

    /// <summary>Adds the headers when the response starts, so error pages and re-executed status pages carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
    }
}
