namespace Cinegraph.Web.Auth;

/// <summary>Keeps redirects after sign-in on this site (no open redirect).</summary>
public static class ReturnUrls
{
    /// <summary>
    /// True for a path on this site: starts with one <c>/</c> not followed by <c>/</c> or <c>\</c> (which browsers
    /// read as another host), and holds no control characters.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary><paramref name="url"/> when it is local, else the home page.</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
