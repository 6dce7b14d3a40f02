using System.Net;
using System.Text.RegularExpressions;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// The visitor's page (issue 12) in Chromium against the real app: a search and sort kept in the URL across a reload,
/// a film opened by its URL (its own title, Escape closes it, full screen at 390 px with nothing cut off), the what-if
/// re-ranking live as a slider moves, and an admin editing and deleting a profile they saved.
/// </summary>
public sealed class VisitorBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] s_args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

    public VisitorBrowserTests()
    {
        Assertions.SetDefaultExpectTimeout((float)Cinegraph.Tests.Jobs.Eventually.Timeout.TotalMilliseconds);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASearchAndASortGoInTheUrlAndAReloadShowsTheSameView()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        await using var app = await StartAsync();
        var cached = await CachedAsync(app);
        var word = cached.Select(e => e.Title.Split(' ')[^1]).GroupBy(w => w).OrderByDescending(g => g.Count()).First().Key;
        await using var browser = await LaunchAsync();
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await page.GotoAsync(app.Url("/predictions?decade=2020&profile=balanced"));
        await WaitInteractiveAsync(page);

        await page.GetByTestId("find-search").FillAsync(word);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=" + Regex.Escape(Uri.EscapeDataString(word))));
        await page.GetByTestId("sort-year").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=year"));

        var expected = cached.Where(e => e.Title.Contains(word, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Year).ThenBy(e => e.Rank).Take(100).Select(e => e.Title).ToArray();
        await Assertions.Expect(page.GetByTestId("film-link")).ToHaveTextAsync(expected);
        var url = page.Url;

        await page.ReloadAsync();
        await WaitInteractiveAsync(page);

        page.Url.Should().Be(url);
        await Assertions.Expect(page.GetByTestId("film-link")).ToHaveTextAsync(expected);
        await Assertions.Expect(page.GetByTestId("find-search")).ToHaveValueAsync(word);
        await Assertions.Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Year");
    }

    [Fact]
    public async Task AFilmOpensByItsUrlWithItsOwnTitleFullScreenOnAPhoneAndEscapeClosesIt()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        await using var app = await StartAsync();
        var film = (await CachedAsync(app))[1];
        await using var browser = await LaunchAsync();
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } })).NewPageAsync();

        await page.GotoAsync(app.Url($"/predictions?decade=2020&profile=balanced&film={film.ImdbId}"));

        var dialog = page.GetByTestId("details-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync($"{film.Title} ({film.Year}) · 2020s predictions · Cinegraph");
        await Assertions.Expect(dialog.GetByTestId("film-genres")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByTestId("letterboxd-link")).ToHaveAttributeAsync("href", $"https://letterboxd.com/imdb/{film.ImdbId}/");
        var box = await page.Locator(".mud-dialog.film-details").BoundingBoxAsync();
        box!.Width.Should().BeApproximately(390, 1, "the dialog takes the whole width under 600 px");
        var breakdown = await page.GetByTestId("breakdown").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right]");
        breakdown[0].Should().BeLessThanOrEqualTo(breakdown[1], "no column of the breakdown is cut off");
        breakdown[2].Should().BeLessThanOrEqualTo(390);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "film-details-390.png") });

        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("film="));
        await Assertions.Expect(page).ToHaveTitleAsync("2020s predictions · Cinegraph");
    }

    [Fact]
    public async Task MovingAWeightSliderReRanksTheCachedFilmsLive()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        await using var app = await StartAsync();
        var cached = await CachedAsync(app);
        await using var browser = await LaunchAsync();
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await page.GotoAsync(app.Url("/predictions?decade=2020&profile=balanced"));
        await WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Custom weights" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("what-if-title")).ToHaveTextAsync(cached.Take(20).Select(e => e.Title).ToArray());
        await Assertions.Expect(page.GetByTestId("what-if-warning")).ToContainTextAsync("not validated");

        foreach (var key in new[] { "popular_opinion", "industry_recognition", "people_quality" })
        {
            var slider = page.GetByLabel($"{ScoreCategories.Label(ScoreCategories.All.Single(c => ScoreCategories.Key(c) == key))} weight in percent");
            await slider.FocusAsync();
            await page.Keyboard.PressAsync("Home");
        }

        var byCulture = WhatIfRanking.Rerank(cached, new CategoryWeights(0, 0, 0.25, 0)).Take(20).Select(w => w.Entry.Title).ToArray();
        byCulture.Should().NotEqual(cached.Take(20).Select(e => e.Title));
        await Assertions.Expect(page.GetByTestId("what-if-title")).ToHaveTextAsync(byCulture);
        await Assertions.Expect(page.GetByTestId("weights-total")).ToContainTextAsync("25 %");

        await page.GetByTestId("normalise-weights").ClickAsync();

        await Assertions.Expect(page.GetByTestId("weights-total")).ToContainTextAsync("100 %");
        await Assertions.Expect(page.GetByTestId("what-if-title")).ToHaveTextAsync(byCulture);
    }

    [Fact]
    public async Task AnAdminEditsAndDeletesAProfileTheySaved()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}");
        await using var app = await StartAsync(compute: false);
        var saved = await app.Services.GetRequiredService<PageCommands>().SaveProfileAsync("Mine", "my weights", new CategoryWeights(0.4, 0.2, 0.2, 0.2), Ct);
        saved.Errors.Should().BeEmpty();
        await using var browser = await LaunchAsync();
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await page.GotoAsync(app.Url("/login?returnUrl=" + Uri.EscapeDataString("/predictions?profile=mine")));
        await page.Locator("#login-user-name").FillAsync(PredictionsApp.AdminUserName);
        await page.Locator("#login-password").FillAsync(PredictionsApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("profile=mine$"));
        await WaitInteractiveAsync(page);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Custom weights" }).ClickAsync();
        await page.GetByTestId("profile-name").FillAsync("Ours");
        var people = page.GetByLabel("People quality weight in percent");
        await people.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        var popular = page.GetByLabel("Popular opinion weight in percent");
        await popular.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.GetByTestId("edit-profile").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("profile=ours$"));
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("Saved the changes to Ours");
        var profiles = app.Services.GetRequiredService<ProfileService>();
        (await profiles.FindBySlugAsync("ours", Ct))!.Weights.Should().Be(new CategoryWeights(0.39, 0.2, 0.2, 0.21));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Custom weights" }).ClickAsync();
        await page.GetByTestId("delete-profile").ClickAsync();
        await page.GetByTestId("confirm-delete-profile").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^(?!.*profile=)"));
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("Deleted the profile Ours");
        (await profiles.FindBySlugAsync("ours", Ct)).Should().BeNull();
    }

    private static async Task<VisitorApp> StartAsync(bool compute = true)
    {
        var app = await PredictionsApp.CreateAsync(films: 1200, Ct);
        app.Release.TrySetResult();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        if (compute)
        {
            await WarmViewBrowserTests.ComputeBalancedAsync(app.Services, Ct);
        }

        return new VisitorApp(app);
    }

    private static async Task<IReadOnlyList<PredictionEntry>> CachedAsync(VisitorApp app)
    {
        var read = await app.Services.GetRequiredService<PredictionsCache>().GetPredictionsAsync(2020, 1, 1000, Ct);
        return read.Should().BeOfType<CacheRead<CachedPredictions>.Ready>().Subject.Value.Entries;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = s_args });
    }

    private static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("predictions-intro")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });

    private sealed class VisitorApp(PredictionsApp app) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;

        public string Url(string path) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + path;

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
