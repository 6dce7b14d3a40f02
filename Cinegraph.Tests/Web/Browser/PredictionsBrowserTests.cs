using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// The predictions page and the admin panel in Debian's Chromium against the real app on a loopback port: the missing
/// state, an admin's refresh with live progress, the swap to the results without a reload in two browser contexts,
/// switching decade and profile, and the admin panel. Screenshots of each state go where Screenshots.PathFor says.
/// </summary>
public sealed class PredictionsBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    public PredictionsBrowserTests()
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

    private static readonly ViewportSize s_viewport = new() { Width = 1280, Height = 900 };

    [Fact]
    public async Task AdminRefreshShowsProgressAndBothVisitorsSwapToTheResultsWithoutReload()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PredictionsApp.CreateAsync(films: 1200, ct);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var url = baseAddress + "/predictions?decade=2020&profile=balanced";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = s_chromiumArgs });
        await using var visitorContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = s_viewport });
        await using var adminContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = s_viewport });
        var visitorCsp = await CspViolations.WatchAsync(visitorContext);
        var adminCsp = await CspViolations.WatchAsync(adminContext);

        // A visitor on a fresh database: the missing state, and no admin controls.
        var visitor = await visitorContext.NewPageAsync();
        var response = await visitor.GotoAsync(url);
        response!.Status.Should().Be(200);
        await WaitInteractiveAsync(visitor);
        await Assertions.Expect(visitor.GetByTestId("missing-state")).ToContainTextAsync("have not been computed yet");
        await Assertions.Expect(visitor.GetByTestId("ask-admin")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByTestId("demo-banner")).ToBeVisibleAsync();
        (await visitor.GetByTestId("refresh-button").CountAsync()).Should().Be(0);

        // The admin signs in and lands back on the page.
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync(baseAddress + "/login?returnUrl=" + Uri.EscapeDataString("/predictions?decade=2020&profile=balanced"));
        await admin.Locator("#login-user-name").FillAsync(PredictionsApp.AdminUserName);
        await admin.Locator("#login-password").FillAsync(PredictionsApp.AdminPassword);
        await admin.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/predictions\\?decade=2020&profile=balanced$"));
        await WaitInteractiveAsync(admin);
        await Assertions.Expect(admin.GetByTestId("missing-refresh-button")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Admin" })).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("predictions-missing.png"), FullPage = true });

        // Marks that die with a reload: the swap must happen in the open page.
        await admin.EvaluateAsync("() => window.__noReload = true");
        await visitor.EvaluateAsync("() => window.__noReload = true");

        await admin.GetByTestId("missing-refresh-button").ClickAsync();
        await app.Paused.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        await Assertions.Expect(admin.GetByTestId("job-done")).ToHaveTextAsync(PredictionsApp.PauseAfterStep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(visitor.GetByTestId("job-done")).ToHaveTextAsync(PredictionsApp.PauseAfterStep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(admin.GetByTestId("job-running")).ToContainTextAsync("cached");

        // A second click while it runs shows the same job.
        await admin.GetByTestId("refresh-button").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("notice")).ToContainTextAsync("already running");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("predictions-progress.png"), FullPage = true });

        app.Release.TrySetResult();

        foreach (var page in new[] { admin, visitor })
        {
            await Assertions.Expect(page.GetByTestId("results-header")).ToContainTextAsync("Top films of the 2020s · Balanced", new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("film-link").First).ToHaveAttributeAsync("href", new Regex("^https://www\\.imdb\\.com/title/tt\\d+/$"));
            (await page.EvaluateAsync<bool>("() => window.__noReload === true")).Should().BeTrue("the results replace the missing state in the open page");
        }

        await Assertions.Expect(admin.GetByTestId("job-progress")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("predictions-results.png"), FullPage = false });

        // Details of the first film, from the cached entry.
        await admin.GetByTestId("details-button").First.ClickAsync();
        await Assertions.Expect(admin.GetByTestId("breakdown-row")).ToHaveCountAsync(4);
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("predictions-details.png") });
        await admin.GetByTestId("details-close").ClickAsync();

        // Validation and comparison were computed by the same job.
        await admin.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Historical validation" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("micro-accuracy")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("validation-chart").Locator("svg").First).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("predictions-validation.png"), FullPage = true });
        await admin.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Profile comparison" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("comparison-table")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("predictions-comparison.png"), FullPage = true });
        await admin.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Predictions" }).ClickAsync();

        // Switching decade and profile updates the URL and reads the cache.
        await SelectAsync(admin, "decade-select", "1990s");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("decade=1990"));
        await Assertions.Expect(admin.GetByTestId("results-header")).ToContainTextAsync("Top films of the 1990s · Balanced");
        await SelectAsync(admin, "profile-select", "Award Winner");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("profile=award-winner"));
        await Assertions.Expect(admin.GetByTestId("missing-state")).ToContainTextAsync("1990s with the Award Winner profile");
        (await admin.EvaluateAsync<bool>("() => window.__noReload === true")).Should().BeTrue();

        // The admin panel shows the completed job and the cached rows; visitors are sent to the login page.
        await admin.GotoAsync(baseAddress + "/admin/cache");
        await Assertions.Expect(admin.GetByTestId("admin-title")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(admin.GetByTestId("profile-status")).ToHaveCountAsync(6);
        await Assertions.Expect(admin.GetByTestId("latest-job").First).ToContainTextAsync("completed");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("admin-cache.png"), FullPage = true });

        await visitor.GotoAsync(baseAddress + "/admin/cache");
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex("/login"));
        (await visitor.GetByTestId("profile-status").CountAsync()).Should().Be(0);

        // Blazor Server and MudBlazor did all of the above under the Content-Security-Policy without a violation.
        visitorCsp.Seen.Should().BeEmpty();
        adminCsp.Seen.Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownDecadeOrProfileAnswersTheFriendlyNotFoundPage()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PredictionsApp.CreateAsync(films: 200, ct);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = s_chromiumArgs });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = s_viewport });

        foreach (var path in new[] { "/predictions?decade=1850", "/predictions?profile=nobody" })
        {
            var response = await page.GotoAsync(baseAddress + path);
            response!.Status.Should().Be(404, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Page not found" })).ToBeVisibleAsync();
        }
    }

    private static async Task WaitInteractiveAsync(IPage page) =>
        await Assertions.Expect(page.GetByTestId("predictions-intro")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });

    // The decade and profile are native selects: choose by the option's visible text.
    private static async Task SelectAsync(IPage page, string testId, string option) =>
        await page.GetByTestId(testId).SelectOptionAsync(new SelectOptionValue { Label = option });

    private static string ScreenshotPath(string file) => Screenshots.PathFor(file);
}
