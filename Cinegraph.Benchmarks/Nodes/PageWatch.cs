using System.Diagnostics;
using Microsoft.Playwright;

namespace Cinegraph.Benchmarks.Nodes;

/// <summary>
/// Open predictions pages in headless Chromium (<see cref="HeadlessChromium"/>), one per profile, each
/// reporting when the <c>&lt;time datetime&gt;</c> of its "calculated" line changes: a MutationObserver in the page
/// calls back into this process, which stamps the moment with <see cref="Stopwatch.GetTimestamp"/> (the clock the hub
/// clients use), so "the page re-rendered" and "the hub client heard" compare on one clock.
/// </summary>
public sealed class PageWatch : IAsyncDisposable
{
    private const string Observer = """
        () => {
          const read = () => document.querySelector('[data-testid="calculated-at"] time')?.getAttribute('datetime') ?? '';
          let last = read();
          new MutationObserver(() => {
            const now = read();
            if (now !== last) { last = now; window.cinegraphCalculatedChanged(now); }
          }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          return last;
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Dictionary<string, List<(string CalculatedAt, long At)>> _changes = [];

    private PageWatch(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Opens <c>/predictions?decade=…&amp;profile=…</c> on <paramref name="baseUrl"/> for each profile and waits until each is interactive.</summary>
    public static async Task<PageWatch> OpenAsync(string baseUrl, int decade, IReadOnlyList<string> profiles)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await HeadlessChromium.LaunchAsync(playwright);
        var watch = new PageWatch(playwright, browser);
        foreach (var profile in profiles)
        {
            var changes = new List<(string, long)>();
            watch._changes[profile] = changes;
            var page = await (await browser.NewContextAsync()).NewPageAsync();
            await page.ExposeFunctionAsync("cinegraphCalculatedChanged", (string calculatedAt) =>
            {
                var at = Stopwatch.GetTimestamp();
                lock (changes)
                {
                    changes.Add((calculatedAt, at));
                }
            });
            await page.GotoAsync($"{baseUrl}/predictions?decade={decade}&profile={profile}");
            await page.Locator("[data-interactive=\"true\"]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
            await page.EvaluateAsync<string>(Observer);
        }

        return watch;
    }

    /// <summary>How many changes <paramref name="profile"/>'s page has reported so far.</summary>
    public int Count(string profile)
    {
        var changes = _changes[profile];
        lock (changes)
        {
            return changes.Count;
        }
    }

    /// <summary>When the page of <paramref name="profile"/> reported its change number <paramref name="index"/> (0-based), if it has.</summary>
    public bool Changed(string profile, int index, out long at)
    {
        var changes = _changes[profile];
        lock (changes)
        {
            at = index < changes.Count ? changes[index].At : 0;
            return index < changes.Count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
