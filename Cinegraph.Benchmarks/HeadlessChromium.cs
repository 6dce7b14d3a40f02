using Microsoft.Playwright;

namespace Cinegraph.Benchmarks;

/// <summary>Debian's Chromium (or <c>CINEGRAPH_CHROMIUM</c>), headless, quiet: the browser every benchmark drives.</summary>
public static class HeadlessChromium
{
    private static readonly string[] s_args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CINEGRAPH_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = s_args,
        });
    }
}
