using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// The predictions page by keyboard in Chromium: the skip link, a visible focus ring, the table's two tab stops with
/// arrow keys along a column, Escape on the details dialog; and the comparison at 1280 px without sideways scrolling.
/// </summary>
[Collection(AccessibilityApp.Collection)]
public sealed class KeyboardBrowserTests(AccessibilityApp app)
{
    // Every element the Tab key stops at (visible, enabled, not tabindex="-1").
    private const string TabStops =
        """
        root => [...root.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
            .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0).length
        """;

    // The first element the Tab key stops at in document order.
    private const string FirstTabStop =
        """
        root => [...root.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
            .find(e => e.tabIndex >= 0 && !e.disabled)
        """;

    [Fact]
    public async Task TheSkipLinkIsTheFirstTabStopAndMovesFocusToTheMainContent()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync();
        var page = await app.OpenAsync(context, AccessibilityApp.PredictionsPath);
        (await page.EvaluateAsync<string>("() => (" + FirstTabStop + ")(document).className")).Should().Be("skip-link");

        // The router focuses the page's heading after a navigation; from the app bar's first button, the skip link is
        // one Shift+Tab back, shown while focused.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        var skip = page.Locator("a.skip-link");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToHaveTextAsync("Skip to main content");
        await Assertions.Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main-content")).ToBeFocusedAsync();
        (await page.Locator("main").CountAsync()).Should().Be(1);

        // The next Tab goes on from the main content, not back to the app bar.
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<bool>("() => document.getElementById('main-content').contains(document.activeElement)")).Should().BeTrue();
    }

    [Fact]
    public async Task ThePredictionsTableIsTwoTabStopsWithArrowKeysBetweenRowsAndAVisibleFocusRing()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync();
        var page = await app.OpenAsync(context, AccessibilityApp.PredictionsPath);
        var table = page.GetByTestId("predictions-table");
        var links = page.GetByTestId("film-link");
        await Assertions.Expect(links.First).ToBeVisibleAsync();
        var rows = await links.CountAsync();
        rows.Should().BeGreaterThan(10);

        var inTable = await table.EvaluateAsync<int>(TabStops);
        var onPage = await page.EvaluateAsync<int>("() => (" + TabStops + ")(document)");
        TestContext.Current.TestOutputHelper?.WriteLine($"tab stops: {inTable} in the table of {rows} films, headers included (was {2 * rows} plus Show more), {onPage} on the page");
        var sortHeaders = await table.Locator("thead button.sort").CountAsync();
        sortHeaders.Should().Be(3, "rank, year and likelihood sort from their headers");
        inTable.Should().Be(sortHeaders + 2 + await page.GetByTestId("show-more").CountAsync(),
            "the sortable headers, the first film link and Details button, and Show more");

        await links.First.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(links.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(links.Last).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(links.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");

        // Tab goes to the same row's Details button, with a visible focus ring; the table stays two tab stops.
        await page.Keyboard.PressAsync("Tab");
        var details = page.GetByTestId("details-button");
        await Assertions.Expect(details.Nth(1)).ToBeFocusedAsync();
        await Assertions.Expect(details.Nth(1)).ToHaveCSSAsync("outline-style", "solid");
        await Assertions.Expect(details.Nth(1)).ToHaveCSSAsync("outline-width", "3px");
        (await table.EvaluateAsync<int>(TabStops)).Should().Be(inTable);

        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(details.Nth(2)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(links.Nth(2)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task TheTabBarIsOneTabStopWithArrowKeysBetweenTheTabs()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync();
        var page = await app.OpenAsync(context, AccessibilityApp.PredictionsPath);
        var tabs = page.GetByRole(AriaRole.Tab);
        await Assertions.Expect(tabs).ToHaveCountAsync(4);
        (await page.GetByRole(AriaRole.Tablist).EvaluateAsync<int>(TabStops)).Should().Be(1, "only the selected tab is a tab stop");

        await tabs.First.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(tabs.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(tabs.Nth(3)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(tabs.Nth(2)).ToBeFocusedAsync();

        // Enter opens the focused tab, which becomes the tab stop.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tabs.Nth(2)).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(tabs.Nth(2)).ToHaveAttributeAsync("tabindex", "0");
        await Assertions.Expect(tabs.First).ToHaveAttributeAsync("tabindex", "-1");
        await Assertions.Expect(page.GetByTestId("comparison-chart")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(tabs.First).ToBeFocusedAsync();
    }

    [Fact]
    public async Task EscapeClosesTheDetailsDialog()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync();
        var page = await app.OpenAsync(context, AccessibilityApp.PredictionsPath);

        await page.GetByTestId("details-button").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("breakdown-row")).ToHaveCountAsync(4);

        // The dialog takes the focus once it is open (its keys are listened to from then on).
        await page.WaitForFunctionAsync("() => document.querySelector('.mud-dialog')?.contains(document.activeElement) === true");
        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheComparisonChartAndTableFitA1280PixelScreenWithoutSidewaysScrolling()
    {
        Assert.SkipUnless(AccessibilityApp.HasChromium, $"Chromium is not installed at {AccessibilityApp.ChromiumPath}");
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
        await using var context = await app.NewContextAsync(width: 1280, height: 900);
        var page = await app.OpenAsync(context, AccessibilityApp.PredictionsPath);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Profile comparison" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("comparison-chart").Locator("svg").First).ToBeVisibleAsync();
        var region = page.Locator(".scroll-region:has([data-testid=comparison-table])");
        await Assertions.Expect(region).ToBeVisibleAsync();

        // The region, and the table's own container inside it, neither scrolls sideways.
        var widths = await region.EvaluateAsync<int[]>(
            "e => [Math.max(e.scrollWidth, e.querySelector('.mud-table-container').scrollWidth), Math.min(e.clientWidth, e.querySelector('.mud-table-container').clientWidth)]");
        TestContext.Current.TestOutputHelper?.WriteLine($"comparison table at 1280 px: {widths[0]} px of content in {widths[1]} px");
        widths[0].Should().BeLessThanOrEqualTo(widths[1], "the table fits without sideways scrolling");
        var (document, viewport) = await AccessibilityBrowserTests.WidthsAsync(page);
        document.Should().Be(viewport);
    }
}
