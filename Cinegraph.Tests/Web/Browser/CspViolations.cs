using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// Collects every Content-Security-Policy violation of the pages of a browser context: the DOM's
/// <c>securitypolicyviolation</c> events (reported through an exposed function, so they survive navigation) and
/// the console's "Refused to …" messages.
/// </summary>
internal sealed class CspViolations
{
    private readonly ConcurrentQueue<string> _seen = new();

    public IReadOnlyList<string> Seen => [.. _seen];

    public static async Task<CspViolations> WatchAsync(IBrowserContext context)
    {
        var violations = new CspViolations();
        await context.ExposeFunctionAsync("__cinegraphCspViolation", (string report) => violations._seen.Enqueue(report));
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.__cinegraphCspViolation(e.violatedDirective + ' blocked ' + e.blockedURI));");
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations._seen.Enqueue(message.Text);
            }
        };
        return violations;
    }
}
