using Microsoft.Net.Http.Headers;

namespace Cinegraph.Web.Api;

/// <summary>
/// Guards every admin mutation against cross-site request forgery, including from another port of the same host
/// (which SameSite cookies do not stop). A request is refused with 403 when the browser says it comes from another
/// origin (<c>Sec-Fetch-Site</c> other than <c>same-origin</c>/<c>none</c>, or an <c>Origin</c> other than this
/// request's own scheme, host and port); scripts that send neither header are not browsers and pass. It is refused
/// with 415 when it carries a content type other than JSON (HTML forms can only send form, multipart or plain text
/// bodies), or a body without a content type. A bodiless request (refresh all, cancel, retry, delete) needs no content type.
/// </summary>
internal sealed class AdminRequestFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (!IsSameOrigin(request))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Cross-origin request refused",
                detail: "Admin requests are accepted from this site's own pages and from scripts only.",
                statusCode: StatusCodes.Status403Forbidden));
        }

        if (!IsJsonOrBodiless(request))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Unsupported media type",
                detail: "Admin requests send JSON (Content-Type: application/json) or no body at all.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        return next(context);
    }

    internal static bool IsSameOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0 && !(fetchSite.Count == 1 && fetchSite[0] is "same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        return origin.Count == 1
            && Uri.TryCreate(origin[0], UriKind.Absolute, out var from)
            && string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(from.Authority, OwnAuthority(request), StringComparison.OrdinalIgnoreCase);
    }

    private static string OwnAuthority(HttpRequest request)
    {
        // Uri drops a default port from its Authority; compare the request's host the same way.
        var host = request.Host;
        var defaultPort = string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
        return host.Port is { } port && port != defaultPort ? $"{host.Host}:{port}" : host.Host;
    }

    private static bool IsJsonOrBodiless(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0;
        }

        return MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
    }
}
