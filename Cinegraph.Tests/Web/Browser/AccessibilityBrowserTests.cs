using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// Every page in Chromium against axe-core (no serious or critical violation, light and dark), at a phone's width
/// (nothing wider than the screen), and by keyboard: the skip link, Escape on the details dialog, the predictions
/// table's two tab stops.
/// </summary>
[Collection(AccessibilityApp.Collection)]
public sealed class AccessibilityBrowserTests(AccessibilityApp app)
{
    private static readonly string[] s_tabs = ["Predictions", "Historical validation", "Profile comparison", "Custom weights"];

    [Fact]
    public async Task EveryPageHasNoSeriousOrCriticalAxeViolationInLightOrDarkMode()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        var found = new List<string>();
        var report = new StringBuilder();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var context = await app.NewContextAsync(scheme: scheme);
            await foreach (var (name, page) in EveryPageAsync(context))
            {
                var serious = await AxeAudit.SeriousViolationsAsync(page);
                report.AppendLine(CultureInfo.InvariantCulture, $"{scheme} {name}: {await AxeAudit.SummaryAsync(page)}");
                found.AddRange(serious.Select(v => $"{scheme} {name}: {v}"));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        found.Should().BeEmpty();
    }

    [Fact]
    public async Task NoPageIsWiderThanAPhoneScreenOf390Pixels()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        var wider = new List<string>();
        await foreach (var (name, page) in EveryPageAsync(context))
        {
            var (document, viewport) = await WidthsAsync(page);
            if (document != viewport)
            {
                wider.Add($"{name}: document {document} px, viewport {viewport} px; sticking out: {await SticksOutAsync(page)}");
            }
        }

        wider.Should().BeEmpty();
    }

    /// <summary>document.documentElement.scrollWidth and the viewport's width.</summary>
    internal static async Task<(int Document, int Viewport)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }

    // The innermost elements whose right edge passes the viewport, for the failure message.
    private static Task<string> SticksOutAsync(IPage page) => page.EvaluateAsync<string>(
        """
        () => {
            const out = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.children.length === 0);
            const name = e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' (' + Math.round(e.getBoundingClientRect().left) + '–' + Math.round(e.getBoundingClientRect().right) + ' px, ' + getComputedStyle(e).whiteSpace + ')';
            const chain = [];
            for (let e = out[0]; e && e !== document.body; e = e.parentElement) chain.push(name(e));
            return out.slice(0, 5).map(name).join(', ') + '; first within: ' + chain.join(' < ');
        }
        """);

    // Home, each tab of the predictions page, its details dialog, sign-in, the admin panel, the jobs list and the latest job's page signed in, the not-found page.
    private async IAsyncEnumerable<(string Name, IPage Page)> EveryPageAsync(IBrowserContext context)
    {
        var page = await app.OpenAsync(context, "/");
        yield return ("home", page);

        await app.GotoAsync(page, AccessibilityApp.PredictionsPath);
        await Assertions.Expect(page.GetByTestId("film-link").First).ToBeVisibleAsync();
        foreach (var tab in s_tabs)
        {
            // Dispatched: on a phone the tab strip scrolls by transform, so a tab may be outside the viewport.
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).DispatchEventAsync("click");
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = tab })).ToHaveAttributeAsync("aria-selected", "true");
            yield return ("/predictions " + tab, page);
        }

        await page.GetByRole(AriaRole.Tab, new() { Name = "Predictions" }).DispatchEventAsync("click");
        await page.GetByTestId("details-button").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("breakdown-row")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator(".mud-dialog-container")).ToHaveCSSAsync("opacity", "1");
        yield return ("details dialog", page);

        var missing = await context.NewPageAsync();
        var response = await missing.GotoAsync(app.BaseAddress + "/no-such-page");
        response!.Status.Should().Be(404);
        await AccessibilityApp.WaitReadyAsync(missing);
        yield return ("not found", missing);

        await missing.GotoAsync(app.BaseAddress + "/login");
        await AccessibilityApp.WaitReadyAsync(missing);
        yield return ("login", missing);

        await app.SignInAsync(page);
        await app.GotoAsync(page, "/admin/cache");
        await Assertions.Expect(page.GetByTestId("admin-title")).ToHaveAttributeAsync("data-interactive", "true");
        yield return ("/admin/cache", page);

        var latestJob = page.GetByTestId("latest-job-link");
        var jobPath = await latestJob.CountAsync() > 0 ? await latestJob.First.GetAttributeAsync("href") : null;
        await app.GotoAsync(page, "/admin/jobs");
        await Assertions.Expect(page.GetByTestId("jobs-title")).ToHaveAttributeAsync("data-interactive", "true");
        yield return ("/admin/jobs", page);

        if (jobPath is not null)
        {
            await app.GotoAsync(page, jobPath);
            await Assertions.Expect(page.GetByTestId("job-title")).ToHaveAttributeAsync("data-interactive", "true");
            yield return (jobPath, page);
        }
    }
}
