using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// The layout's navigation drawer in Chromium (plain markup in MudDrawer's classes, toggled in the browser by
/// wwwroot/js/layout.js): beside the page on a wide screen, over it on a phone until closed.
/// </summary>
[Collection(AccessibilityApp.Collection)]
public sealed class LayoutBrowserTests(AccessibilityApp app)
{
    [Fact]
    public async Task OnAPhoneTheDrawerIsHiddenUntilTheToggleOpensItAndEscapeOrALinkClosesIt()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        var page = await app.OpenAsync(context, AccessibilityApp.PredictionsPath);
        var drawer = page.Locator("#app-drawer");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
        await Assertions.Expect(drawer).ToBeHiddenAsync();

        await toggle.ClickAsync();
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(drawer.GetByRole(AriaRole.Link, new() { Name = "Predictions" })).ToHaveAttributeAsync("aria-current", "page");
        (await AccessibilityBrowserTests.WidthsAsync(page)).Should().Be((390, 390), "the drawer opens over the page, not beside it");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");

        await toggle.ClickAsync();
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.BaseAddress + "/");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
    }

    [Fact]
    public async Task OnAWideScreenTheDrawerIsBesideThePageAndTheToggleClosesAndReopensIt()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync();
        var page = await app.OpenAsync(context, AccessibilityApp.PredictionsPath);
        var drawer = page.Locator("#app-drawer");
        var main = page.Locator(".mud-main-content");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        await Assertions.Expect(main).ToHaveCSSAsync("margin-left", "220px");

        await toggle.ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await Assertions.Expect(main).ToHaveCSSAsync("margin-left", "0px");

        await toggle.ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await Assertions.Expect(main).ToHaveCSSAsync("margin-left", "220px");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
    }
}
