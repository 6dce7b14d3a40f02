using System.Net.Http.Json;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Jobs;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Nodes;

/// <summary>
/// A visitor's page in Chromium on node B swaps to the results of a refresh that ran on node A, without a reload: the
/// completion crosses through PostgreSQL (LISTEN/NOTIFY) into node B's circuit (issue 9, item 7).
/// </summary>
public sealed class TwoNodeBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public TwoNodeBrowserTests()
    {
        // A safety net only: each expectation returns as soon as it holds.
        Assertions.SetDefaultExpectTimeout((float)Eventually.Timeout.TotalMilliseconds);
    }

    [Fact]
    public async Task APageOnNodeBSwapsToTheResultsOfARefreshRunOnNodeA()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        TestDatabase.RequirePostgresServer();
        var ct = TestContext.Current.CancellationToken;
        // Development: a build output serves blazor.web.js only there. Node B never polls, so the job runs on node A.
        await using var nodes = await TwoNodes.StartAsync(
            b: new Dictionary<string, string> { ["Jobs:PollInterval"] = "01:00:00" }, environment: "Development", cancellationToken: ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = s_chromiumArgs });
        var page = await browser.NewPageAsync();
        (await page.GotoAsync(new Uri(nodes.B.BaseAddress, "/predictions?decade=2020&profile=balanced").ToString()))!.Status.Should().Be(200);
        await Assertions.Expect(page.GetByTestId("predictions-intro")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.GetByTestId("missing-state")).ToBeVisibleAsync();

        using var adminA = await nodes.A.ClientAsync(signIn: true, ct);
        using var refresh = await adminA.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, ct);
        refresh.EnsureSuccessStatusCode();

        await Assertions.Expect(page.GetByTestId("results-header")).ToContainTextAsync("Top films of the 2020s · Balanced");
        await Assertions.Expect(page.GetByTestId("missing-state")).ToHaveCountAsync(0);
        // The page swaps as soon as the 2020s row lands, which can be before the job's last steps (validation, comparison).
        var jobs = await Eventually.UntilAsync(
            () => JobRows.AllAsync(nodes.Database.Factory),
            rows => rows.Count == 1 && rows[0].State == JobStates.Completed,
            "the job to complete");
        jobs.Should().ContainSingle().Which.AttemptedBy.Should().Be(nodes.A.Name, "the page learned of a job another node ran");
    }
}
