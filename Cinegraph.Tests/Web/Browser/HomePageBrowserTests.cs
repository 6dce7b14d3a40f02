using System.Net;
using Cinegraph.Tests.Web.Integration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Cinegraph.Tests.Jobs;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// The real app on Kestrel (a free loopback port) in Debian's Chromium, driven by Playwright's bundled driver.
/// No browser is ever downloaded: the test uses /usr/bin/chromium and is skipped where it is not installed.
/// </summary>
public sealed class HomePageBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    public HomePageBrowserTests()
    {
        // Playwright's expectations wait 5 s by default, too short for Blazor's first render on a loaded machine; the
        // bound is a safety net only, each expectation returns as soon as it holds.
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
    }

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    [Fact]
    public async Task HomePageShowsHeadingAndDemoBannerInChromium()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = s_chromiumArgs,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var csp = await CspViolations.WatchAsync(context);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(baseAddress + "/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        response!.Status.Should().Be(200);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Cinegraph", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("demo-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("demo-banner")).ToContainTextAsync("demo data");

        // MudBlazor's stylesheet is loaded when the app bar takes the theme's colour and is fixed at the top.
        var appBar = page.Locator(".mud-appbar");
        await Assertions.Expect(appBar).ToHaveCSSAsync("position", "fixed");
        await Assertions.Expect(appBar).ToHaveCSSAsync("background-color", "rgb(142, 27, 43)");

        // MudBlazor's script is loaded and the circuit is up: the drawer toggle works only interactively.
        await page.WaitForFunctionAsync("() => window.mudElementRef !== undefined && window.Blazor !== undefined");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("home.png"), FullPage = true });
        csp.Seen.Should().BeEmpty("the page, MudBlazor and the circuit run under the Content-Security-Policy");

        // The watch does see a violation: an injected inline script is refused.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.body.appendChild(s); }");
        await Eventually.UntilAsync(() => csp.Seen.Count > 0, "the injected inline script to be reported as a CSP violation");
        (await page.EvaluateAsync<bool>("() => window.__injected === undefined")).Should().BeTrue();
    }

    private static string ScreenshotPath(string file) => Screenshots.PathFor(file);
}
