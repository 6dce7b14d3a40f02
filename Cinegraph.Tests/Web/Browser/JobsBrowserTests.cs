using System.Net;
using System.Text.RegularExpressions;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Jobs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// The jobs pages in Debian's Chromium against the real app and worker: sign in from the app bar, open a job from the
/// list, watch it run to completion live, cancel a queued one, and retry two failed ones at once. The job page and the
/// list are saved as screenshots (<see cref="Screenshots"/>).
/// </summary>
public sealed class JobsBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public JobsBrowserTests()
    {
        Assertions.SetDefaultExpectTimeout((float)Eventually.Timeout.TotalMilliseconds);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpensAJobFromTheListWatchesItRunToCompletionLiveAndCancelsAQueuedOne()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        await using var app = await PredictionsApp.CreateAsync(films: 300, Ct);
        var (baseAddress, playwright, browser) = await StartAsync(app);
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInPageAsync(browser, baseAddress);
        var refresh = app.Services.GetRequiredService<RefreshManager>();

        // One job runs (and pauses after step 3); with one job at a time, the second waits.
        var running = (await refresh.EnqueueAsync(1, cancellationToken: Ct)).Job;
        await app.Paused.Task.WaitAsync(Eventually.Timeout, Ct);
        var waiting = (await refresh.EnqueueAsync(2, cancellationToken: Ct)).Job;

        await page.GotoAsync(baseAddress + "/admin/jobs");
        await Assertions.Expect(page.GetByTestId("jobs-title")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.GetByTestId("job-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=state-count][data-state=executing]")).ToHaveAttributeAsync("data-count", "1");

        // Cancel the waiting one from its page.
        await page.Locator($"[data-testid=job-row][data-job-id='{waiting.Id}'] [data-testid=job-link]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/jobs/{waiting.Id}$"));
        await Assertions.Expect(page.GetByTestId("job-title")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("job-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("job-summary")).ToHaveAttributeAsync("data-job-state", JobStates.Cancelled);
        await Assertions.Expect(page.Locator("[data-testid=timeline-entry]").Last).ToContainTextAsync("Cancelled before it ran");

        // Open the running one from the list and watch it finish without a reload.
        await page.GotoAsync(baseAddress + "/admin/jobs");
        await Assertions.Expect(page.GetByTestId("jobs-title")).ToHaveAttributeAsync("data-interactive", "true");
        await page.Locator($"[data-testid=job-row][data-job-id='{running.Id}'] [data-testid=job-link]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/jobs/{running.Id}$"));
        await Assertions.Expect(page.GetByTestId("job-title")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.GetByTestId("job-done")).ToHaveTextAsync(PredictionsApp.PauseAfterStep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("job-node")).Not.ToHaveTextAsync("—");
        await page.EvaluateAsync("() => window.__noReload = true");

        app.Release.TrySetResult();

        await Assertions.Expect(page.GetByTestId("job-summary")).ToHaveAttributeAsync("data-job-state", JobStates.Completed);
        (await page.EvaluateAsync<bool>("() => window.__noReload === true")).Should().BeTrue("the page followed the job live");
        await Assertions.Expect(page.GetByTestId("step")).ToHaveCountAsync(14);
        await Assertions.Expect(page.Locator("[data-testid=timeline-entry]").Last).ToContainTextAsync("Completed");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-job.png"), FullPage = true });

        // The list with both jobs finished, its counts and history chart.
        await page.GotoAsync(baseAddress + "/admin/jobs");
        await Assertions.Expect(page.GetByTestId("jobs-title")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.Locator("[data-testid=state-count][data-state=completed]")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.Locator("[data-testid=state-count][data-state=cancelled]")).ToHaveAttributeAsync("data-count", "1");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-jobs.png"), FullPage = true });
    }

    [Fact]
    public async Task RetriesTwoFailedJobsSelectedInTheList()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        await using var app = await PredictionsApp.CreateAsync(films: 300, Ct);
        app.Release.TrySetResult();
        var (baseAddress, playwright, browser) = await StartAsync(app);
        using var _ = playwright;
        await using var __ = browser;
        var factory = app.Services.GetRequiredService<IDbContextFactory<CinegraphDbContext>>();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var failed = new List<RefreshJob>();
        foreach (var profileId in new[] { 2, 3 })
        {
            failed.Add(await JobRows.InsertAsync(factory, JobStates.Discarded, at, j =>
            {
                (j.ProfileId, j.UniqueKey, j.Decades, j.Attempt, j.DiscardedAt) = (profileId, RefreshManager.UniqueKeyFor(profileId), [2020], 3, at);
                j.Errors = [new JobError(at, 3, "the disk was full")];
            }));
        }

        var page = await SignedInPageAsync(browser, baseAddress);
        await page.GotoAsync(baseAddress + "/admin/jobs");
        await Assertions.Expect(page.GetByTestId("jobs-title")).ToHaveAttributeAsync("data-interactive", "true");
        await page.Locator("[data-testid=state-count][data-state=discarded]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("job-row")).ToHaveCountAsync(2);
        foreach (var job in failed)
        {
            await page.Locator($"[data-testid=job-row][data-job-id='{job.Id}'] input[type=checkbox]").CheckAsync();
        }

        await Assertions.Expect(page.GetByTestId("selected-count")).ToHaveTextAsync("2 selected");
        await page.GetByTestId("bulk-retry").ClickAsync();

        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("Queued 2 job(s) again");
        await Assertions.Expect(page.Locator("[data-testid=state-count][data-state=completed]")).ToHaveAttributeAsync("data-count", "2", new() { Timeout = 120_000 });
        var jobs = await JobRows.AllAsync(factory);
        jobs.Where(j => j.State == JobStates.Completed).Select(j => j.ProfileId).Should().BeEquivalentTo([2, 3]);
    }

    private static async Task<(string BaseAddress, IPlaywright Playwright, IBrowser Browser)> StartAsync(PredictionsApp app)
    {
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = s_chromiumArgs });
        return (baseAddress, playwright, browser);
    }

    // Signs in through the app bar's "Sign in", which comes back to the page it was clicked on.
    private static async Task<IPage> SignedInPageAsync(IBrowser browser, string baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseAddress + "/predictions");

        // Clicked once the page is live: a click while the circuit was still starting was lost once under CI load
        // (the page stayed on /predictions for two minutes; cause not found, noted in the session's closing note).
        await Assertions.Expect(page.GetByTestId("predictions-intro")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 120_000 });
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fpredictions$"));
        await page.Locator("#login-user-name").FillAsync(PredictionsApp.AdminUserName);
        await page.Locator("#login-password").FillAsync(PredictionsApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/predictions$"));
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync(PredictionsApp.AdminUserName);
        return page;
    }
}
