using System.Text.RegularExpressions;
using Cinegraph.Tests.Jobs;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// Dark mode in Chromium: it follows the system's scheme, the app bar's toggle overrides it, and the choice persists
/// (a cookie) so the server renders the next page in it from the first byte, static pages included.
/// </summary>
[Collection(AccessibilityApp.Collection)]
public sealed class DarkModeBrowserTests(AccessibilityApp app)
{
    [Fact]
    public async Task DarkModeFollowsTheSystemAndTheTogglesChoicePersistsFromTheFirstByte()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync(scheme: ColorScheme.Dark);
        var page = await app.OpenAsync(context, "/");
        var toggle = page.GetByTestId("theme-toggle");

        // A dark system: the page is dark, and the next page is served dark (the browser told the server).
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        (await BackgroundIsDarkAsync(page)).Should().BeTrue();
        (await ServedPressedAsync(context, "/")).Should().Be("true");

        // The toggle switches to light at once, and the choice is served light, on a static page too.
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        (await BackgroundIsDarkAsync(page)).Should().BeFalse();
        await Eventually.UntilAsync(() => context.CookiesAsync(), cookies => cookies.Any(c => c.Name == "cinegraph-theme" && c.Value == "light"), "the choice to be stored");
        (await ServedPressedAsync(context, AccessibilityApp.PredictionsPath)).Should().Be("false");
        (await ServedPressedAsync(context, "/login")).Should().Be("false");

        await page.ReloadAsync();
        await AccessibilityApp.WaitReadyAsync(page);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        (await BackgroundIsDarkAsync(page)).Should().BeFalse();

        // On the static sign-in page the toggle works too (it stores and reloads); back to dark is the system's
        // scheme again, so the stored choice is forgotten.
        await app.GotoAsync(page, "/login");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        (await BackgroundIsDarkAsync(page)).Should().BeTrue();
        (await context.CookiesAsync()).Should().NotContain(c => c.Name == "cinegraph-theme");
    }

    [Fact]
    public async Task ALightSystemIsServedLightAndAChosenDarkModeIsServedDark()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync(scheme: ColorScheme.Light);
        var page = await app.OpenAsync(context, AccessibilityApp.PredictionsPath);
        var toggle = page.GetByTestId("theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        (await BackgroundIsDarkAsync(page)).Should().BeFalse();

        await toggle.ClickAsync();

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        (await BackgroundIsDarkAsync(page)).Should().BeTrue();
        await Eventually.UntilAsync(() => context.CookiesAsync(), cookies => cookies.Any(c => c.Name == "cinegraph-theme" && c.Value == "dark"), "the choice to be stored");
        (await ServedPressedAsync(context, "/")).Should().Be("true");
    }

    // The page's background, as MudBlazor's theme paints it: dark when its luminance is under a half.
    private static Task<bool> BackgroundIsDarkAsync(IPage page) => page.EvaluateAsync<bool>(
        """
        () => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5;
        }
        """);

    // What the server renders for the toggle before any script runs: the first byte's scheme.
    private async Task<string> ServedPressedAsync(IBrowserContext context, string path)
    {
        var response = await context.APIRequest.GetAsync(app.BaseAddress + path);
        var button = Regex.Match(await response.TextAsync(), "<button[^>]*data-testid=\"theme-toggle\"[^>]*>");
        button.Success.Should().BeTrue("the served page has the toggle");
        return Regex.Match(button.Value, "aria-pressed=\"(true|false)\"").Groups[1].Value;
    }
}
