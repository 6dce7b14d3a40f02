using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Tests.Jobs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ZiggyCreatures.Caching.Fusion;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// A full view of <c>/predictions</c> in Chromium (the prerendered HTML, then the circuit's interactive render) with the
/// counting interceptor on every statement the app sends: a warm view runs none, an L1 miss of the row runs one, and
/// either way the page model is read once (the circuit takes what the prerender read).
/// </summary>
public sealed class WarmViewBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const int BalancedId = 1;

    /// <summary>The 100-row page before issue 8 (MudTable rows, every tab's markup): 161 KB.</summary>
    private const int HtmlBytesBefore = 161_000;

    [Fact]
    public async Task AWarmFullViewRunsNoSqlAnL1MissRunsOneStatementAndTheCircuitDoesNotReadAgain()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PredictionsApp.CreateAsync(films: 1200, ct, countCommands: true);
        app.Release.TrySetResult();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var url = baseAddress + "/predictions?decade=2020&profile=balanced";
        await ComputeBalancedAsync(app.Services, ct);
        var commands = app.Commands!;
        using var reads = new PageReads(app.Services.GetRequiredService<IMeterFactory>());

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        await using var context = await browser.NewContextAsync();
        await ViewAsync(context, url);

        commands.Reset();
        reads.Reset();
        await ViewAsync(context, url);
        commands.Count.Should().Be(0, because: "a warm view reads memory only, but it ran: " + string.Join(" | ", commands.Commands));
        reads.Count.Should().Be(1, because: "the interactive render takes the model the prerender read");

        await app.Services.GetRequiredService<IFusionCache>().RemoveAsync(CacheKeys.Predictions(2020, BalancedId), token: ct);
        commands.Reset();
        reads.Reset();
        await ViewAsync(context, url);
        commands.Commands.Should().ContainSingle(because: "an L1 miss of the row is one SELECT")
            .Which.Should().Contain("prediction_cache");
        reads.Count.Should().Be(1);

        using var http = new HttpClient();
        var html = await http.GetStringAsync(new Uri(url), ct);
        var bytes = Encoding.UTF8.GetByteCount(html);
        TestContext.Current.TestOutputHelper?.WriteLine($"HTML of /predictions with 100 rows: {bytes} bytes");
        html.Split("data-testid=\"film-link\"").Length.Should().Be(101);
        bytes.Should().BeLessThan(HtmlBytesBefore);
    }

    [Fact]
    public async Task AWarmViewWithASearchSortFilterAndAnOpenFilmRunsNoSql()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PredictionsApp.CreateAsync(films: 1200, ct, countCommands: true);
        app.Release.TrySetResult();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await ComputeBalancedAsync(app.Services, ct);
        var read = await app.Services.GetRequiredService<PredictionsCache>().GetPredictionsAsync(2020, BalancedId, 1000, ct);
        var entries = ((CacheRead<CachedPredictions>.Ready)read).Value.Entries;
        var film = entries.First(e => e.Status == Cinegraph.Core.Scoring.PredictionStatus.FuturePrediction);
        var word = film.Title.Split(' ')[^1];
        var url = $"{baseAddress}/predictions?decade=2020&profile=balanced&q={Uri.EscapeDataString(word)}&sort=year&dir=asc&filter=future&film={film.ImdbId}";
        var commands = app.Commands!;
        using var reads = new PageReads(app.Services.GetRequiredService<IMeterFactory>());

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        await using var context = await browser.NewContextAsync();
        commands.Reset();
        await ViewFilmAsync(context, url, film.Title);
        commands.Commands.Count(c => !c.Contains("_cache", StringComparison.OrdinalIgnoreCase)).Should()
            .Be(3, "a film opened for the first time reads its facts once (the film, its awards, its list places); the rest are first reads of cache rows");

        commands.Reset();
        reads.Reset();
        await ViewFilmAsync(context, url, film.Title);
        commands.Count.Should().Be(0, because: "a warm view with a search, sort, filter and open film reads memory only, but it ran: " + string.Join(" | ", commands.Commands));
        reads.Count.Should().Be(1, because: "the interactive render takes the model the prerender read");
    }

    internal static async Task ComputeBalancedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var refresh = services.GetRequiredService<RefreshManager>();
        var job = (await refresh.EnqueueAsync(BalancedId, cancellationToken: cancellationToken)).Job;
        await Eventually.UntilAsync(() => refresh.GetJobAsync(job.Id, cancellationToken), j => j?.State == JobStates.Completed, "the refresh completed");

        // The state reads the completed job's row once (its mailbox); wait for it so that read is not counted with a view.
        var state = services.GetRequiredService<CatalogueState>();
        await Eventually.UntilAsync(() => state.GetAsync(cancellationToken), s => s.LatestJob(BalancedId)?.State == JobStates.Completed, "the state saw the completed job");
    }

    private static async Task ViewFilmAsync(IBrowserContext context, string url, string title)
    {
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(url);
        response!.Status.Should().Be(200);
        await Assertions.Expect(page.GetByTestId("predictions-intro")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("details-dialog")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("film-genres")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("film-link")).Not.ToHaveCountAsync(0);
        (await page.GetByTestId("film-link").AllTextContentsAsync()).Should().AllSatisfy(t => t.Should().ContainEquivalentOf(title.Split(' ')[^1]));
        await page.CloseAsync();
    }

    private static async Task ViewAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(url);
        response!.Status.Should().Be(200);
        await Assertions.Expect(page.GetByTestId("predictions-intro")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("film-link")).ToHaveCountAsync(100);
        await page.CloseAsync();
    }
}
