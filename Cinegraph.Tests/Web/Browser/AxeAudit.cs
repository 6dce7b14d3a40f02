using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>Runs axe-core on a page and keeps the violations of impact serious or critical, described for a report.</summary>
internal static class AxeAudit
{
    private static readonly string[] s_blocking = ["serious", "critical"];

    /// <summary>The serious and critical violations of the page as it is now: one line per rule, with its node count and first targets.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => s_blocking.Contains(v.Impact, StringComparer.OrdinalIgnoreCase))
            .Select(Describe)];
    }

    /// <summary>Every violation (any impact) of the page, as rule id → node count, for the report.</summary>
    public static async Task<string> SummaryAsync(IPage page)
    {
        var result = await page.RunAxe();
        var text = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            text.Append(CultureInfo.InvariantCulture, $"{violation.Id} ({violation.Impact}) ×{violation.Nodes.Length}; ");
        }

        return text.Length == 0 ? "none" : text.ToString();
    }

    private static string Describe(AxeResultItem violation) =>
        string.Create(CultureInfo.InvariantCulture, $"{violation.Id} ({violation.Impact}) on {violation.Nodes.Length} element(s), e.g. ")
        + string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Target?.ToString() + ": " + string.Join(", ", (n.Any ?? []).Concat(n.All ?? []).Concat(n.None ?? []).Select(c => c.Message))));
}
