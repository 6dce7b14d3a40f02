using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// One app for the accessibility tests: the demo catalogue with the Balanced profile computed (its predictions,
/// validation and the comparison), on a loopback port, and Debian's Chromium. Shared by the tests of a class, which
/// only read.
/// </summary>
public sealed class AccessibilityApp : IAsyncLifetime
{
    public const string Collection = "accessibility";

    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private PredictionsApp? _app;
    private IPlaywright? _playwright;

    public static bool HasChromium => File.Exists(ChromiumPath);

    public string BaseAddress { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The page of the computed predictions.</summary>
    public static string PredictionsPath => "/predictions?decade=2020&profile=balanced";

    public async ValueTask InitializeAsync()
    {
        if (!HasChromium)
        {
            return;
        }

        var ct = TestContext.Current.CancellationToken;
        _app = await PredictionsApp.CreateAsync(films: 400, ct);
        _app.Release.TrySetResult();
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        BaseAddress = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await WarmViewBrowserTests.ComputeBalancedAsync(_app.Services, ct);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = s_chromiumArgs });
    }

    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, ColorScheme = scheme });

    /// <summary>Opens <paramref name="path"/> and waits until the page is interactive (static pages: loaded).</summary>
    public async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await GotoAsync(page, path);
        return page;
    }

    public async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(BaseAddress + path);
        await WaitReadyAsync(page);
    }

    /// <summary>
    /// The app bar's theme toggle says <c>data-theme-ready="true"</c> once the circuit asked the browser for its colour
    /// scheme (interactive pages), or as rendered (static pages: sign-in, errors).
    /// </summary>
    public static Task WaitReadyAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("data-theme-ready", "true", new() { Timeout = 60_000 });

    public async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(BaseAddress + "/login");
        await page.Locator("#login-user-name").FillAsync(PredictionsApp.AdminUserName);
        await page.Locator("#login-password").FillAsync(PredictionsApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(BaseAddress + "/");
        await WaitReadyAsync(page);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(AccessibilityApp.Collection)]
public sealed class AccessibilityAppGroup : ICollectionFixture<AccessibilityApp>;
