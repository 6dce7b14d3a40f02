using Bunit;
using Bunit.TestDoubles;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Scoring;
using Cinegraph.Web.Components.Pages.Predictions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>The visitor's page (issue 12): search, sort and filter in the URL, a film opened by the URL, the what-if, profile edits.</summary>
public sealed class VisitorPageTests : BunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public VisitorPageTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        _auth = AddAuthorization();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task ShowsOnlyTheFilmsTheUrlsFilterKeepsInItsSortOrderAndPutsAClickedSortInTheUrl()
    {
        await using var host = await StartAsync(admin: false, films: 900);
        await host.ComputeAsync(decades: [2020]);
        var cached = await CachedAsync(host);

        var page = RenderPage("/predictions?profile=balanced&sort=year&filter=future");

        var expected = cached.Where(e => e.Status == PredictionStatus.FuturePrediction)
            .OrderByDescending(e => e.Year).ThenBy(e => e.Rank).Take(100).Select(e => e.Title).ToList();
        page.WaitForAssertion(() => page.FindAll("[data-testid=film-link]").Select(a => a.TextContent).Should().Equal(expected));
        page.Find("[data-testid=shown-count]").TextContent.Should().Contain($"of {cached.Count(e => e.Status == PredictionStatus.FuturePrediction)} matching");
        page.Find("th[aria-sort=descending]").TextContent.Should().Contain("Year");

        await page.Find("[data-testid=sort-likelihood]").ClickAsync(new());

        Navigation.Uri.Should().Contain("sort=likelihood").And.Contain("filter=future").And.NotContain("sort=year");
        page.WaitForAssertion(() => page.Find("th[aria-sort=descending]").TextContent.Should().Contain("Likelihood"));
    }

    [Fact]
    public async Task ASearchInTheUrlFindsTheFilmAndOneWithoutMatchesSaysSo()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(decades: [2020]);
        var film = (await CachedAsync(host))[5];

        var page = RenderPage("/predictions?profile=balanced&q=" + Uri.EscapeDataString(film.Title.ToUpperInvariant()));

        page.WaitForAssertion(() => page.FindAll("[data-testid=film-link]").Select(a => a.TextContent).Should().Contain(film.Title));
        page.FindAll("[data-testid=film-link]").Should().AllSatisfy(a => a.TextContent.Should().ContainEquivalentOf(film.Title));

        await page.InvokeAsync(() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", "no film is called this")));

        page.WaitForAssertion(() => page.Find("[data-testid=no-match]").TextContent.Should().Contain("No cached film matches"));
    }

    [Fact]
    public async Task OpensTheFilmTheUrlNamesWithItsFactsAndLinksAndDropsItFromTheUrlWhenClosed()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(decades: [2020]);
        var film = (await CachedAsync(host))[3];
        var dialogs = Render<MudDialogProvider>();

        RenderPage($"/predictions?decade=2020&profile=balanced&film={film.ImdbId}");

        dialogs.WaitForAssertion(() =>
        {
            dialogs.Find("[data-testid=film-genres]").TextContent.Should().NotBeEmpty();
            dialogs.Find("[data-testid=film-countries]").TextContent.Should().NotBeEmpty();
            dialogs.Find("[data-testid=imdb-link]").GetAttribute("href").Should().Be($"https://www.imdb.com/title/{film.ImdbId}/");
            dialogs.Find("[data-testid=letterboxd-link]").GetAttribute("href").Should().Be($"https://letterboxd.com/imdb/{film.ImdbId}/");
            dialogs.Markup.Should().Contain($"{film.Title} ({film.Year})");
        });

        await dialogs.Find("[data-testid=details-close]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Navigation.Uri.Should().NotContain("film=").And.Contain("profile=balanced"));
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=details-dialog]").Should().BeEmpty());
    }

    [Fact]
    public async Task TheDetailsButtonPutsTheFilmInTheUrl()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(decades: [2020]);
        var first = (await CachedAsync(host))[0];
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage("/predictions?profile=balanced");
        page.WaitForAssertion(() => page.Find("[data-testid=details-button]"));

        // A Details button raises the table body's one `filmdetails` event in the browser (PredictionRows).
        await page.Find("[data-testid=predictions-table] tbody").TriggerEventAsync("onfilmdetails", new FilmDetailsEventArgs { ImdbId = first.ImdbId });

        Navigation.Uri.Should().Contain($"film={first.ImdbId}");
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=breakdown]"));
    }

    [Fact]
    public async Task MovingASliderReRanksTheCachedFilmsLiveAndNormaliseMakesTheTotalHundred()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(decades: [2020]);
        var cached = await CachedAsync(host);
        var page = RenderPage("/predictions?profile=balanced");
        page.WaitForAssertion(() => page.Find("[data-testid=film-link]"));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Custom weights", StringComparison.Ordinal)).Click();
        var tuner = page.FindComponent<WeightsTuner>();
        tuner.Find("[data-testid=what-if-warning]").TextContent.Should().Contain("not validated");
        tuner.FindAll("[data-testid=what-if-title]").Select(t => t.TextContent).Should().Equal(cached.Take(20).Select(e => e.Title));
        tuner.FindAll("input[type=range]").Select(i => i.GetAttribute("aria-label")).Should()
            .Equal("Popular opinion weight in percent", "Industry recognition weight in percent", "Cultural impact weight in percent", "People quality weight in percent");

        PredictionsPageTests.SetSlider(tuner, "popular_opinion", 0);
        PredictionsPageTests.SetSlider(tuner, "cultural_impact", 0);
        PredictionsPageTests.SetSlider(tuner, "people_quality", 0);

        var byIndustry = WhatIfRanking.Rerank(cached, new CategoryWeights(0, 0.25, 0, 0)).Take(20).Select(w => w.Entry.Title).ToList();
        tuner.WaitForAssertion(() => tuner.FindAll("[data-testid=what-if-title]").Select(t => t.TextContent).Should().Equal(byIndustry));
        byIndustry.Should().NotEqual(cached.Take(20).Select(e => e.Title));
        tuner.Find("[data-testid=weights-total]").TextContent.Should().Contain("25 %");

        // Found and clicked in one go on the renderer: a render of the live list in between would retire the handler.
        await tuner.InvokeAsync(() => tuner.Find("[data-testid=normalise-weights]").Click());

        tuner.WaitForAssertion(() => tuner.Find("[data-testid=weights-total]").TextContent.Should().Contain("100 %"));
        tuner.Find("input[data-testid=weight-industry_recognition]").GetAttribute("value").Should().Be("100");
        tuner.FindAll("[data-testid=what-if-title]").Select(t => t.TextContent).Should().Equal(byIndustry);
    }

    [Fact]
    public async Task AnAdminEditsAndDeletesAProfileTheySavedButNotASystemOne()
    {
        await using var host = await StartAsync(admin: true, films: 0);
        await host.Cache.Profiles.CreateAsync("Mine", "mine", new CategoryWeights(0.4, 0.2, 0.2, 0.2), Ct);

        var page = RenderPage("/predictions?profile=balanced");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));
        OpenWeightsTab(page);
        page.FindAll("[data-testid=edit-profile]").Should().BeEmpty();
        page.FindAll("[data-testid=delete-profile]").Should().BeEmpty();
        page.Find("[data-testid=system-profile-read-only]").TextContent.Should().Contain("cannot be edited or deleted");

        await page.InvokeAsync(() => Navigation.NavigateTo("/predictions?profile=mine"));
        page.WaitForAssertion(() => page.Find("[data-testid=predictions-intro]").TextContent.Should().Contain("Mine profile"));
        OpenWeightsTab(page);
        var tuner = page.FindComponent<WeightsTuner>();
        tuner.Find("input[data-testid=profile-name]").GetAttribute("value").Should().Be("Mine");
        PredictionsPageTests.SetSlider(tuner, "popular_opinion", 10);
        PredictionsPageTests.SetSlider(tuner, "people_quality", 50);
        tuner.Find("input[data-testid=profile-name]").Input("Ours");
        await tuner.Find("[data-testid=edit-profile]").ClickAsync(new());

        Navigation.Uri.Should().EndWith("profile=ours");
        var ours = await host.Cache.Profiles.FindBySlugAsync("ours", Ct);
        ours!.Weights.Should().Be(new CategoryWeights(0.1, 0.2, 0.2, 0.5));
        ours.WeightsVersion.Should().Be(2);
        page.WaitForAssertion(() => page.Find("[data-testid=notice]").TextContent.Should().Contain("Saved the changes to Ours"));

        OpenWeightsTab(page);
        // The saved profile's page model lands after the notice; the delete button shows once it names a profile of ours.
        await page.WaitForElement("[data-testid=delete-profile]", TimeSpan.FromSeconds(10)).ClickAsync(new());
        await page.Find("[data-testid=confirm-delete-profile]").ClickAsync(new());

        Navigation.Uri.Should().NotContain("profile=");
        (await host.Cache.Profiles.FindBySlugAsync("ours", Ct)).Should().BeNull();
        page.WaitForAssertion(() => page.Find("[data-testid=notice]").TextContent.Should().Contain("Deleted the profile Ours"));
    }

    private static void OpenWeightsTab(IRenderedComponent<PredictionsPage> page) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Custom weights", StringComparison.Ordinal)).Click();

    private static async Task<IReadOnlyList<PredictionEntry>> CachedAsync(PageTestHost host)
    {
        var read = await host.Cache.Cache.GetPredictionsAsync(2020, PageTestHost.BalancedId, 1000, Ct);
        return read.Should().BeOfType<CacheRead<CachedPredictions>.Ready>().Subject.Value.Entries;
    }

    private async Task<PageTestHost> StartAsync(bool admin, int films = 300)
    {
        var host = await PageTestHost.CreateAsync(films: films);
        host.Register(Services);
        Renderer.SetRendererInfo(new RendererInfo("Server", true));
        if (admin)
        {
            _auth.SetAuthorized("admin");
            _auth.SetRoles("Admin");
        }

        Render<MudPopoverProvider>();
        return host;
    }

    private IRenderedComponent<PredictionsPage> RenderPage(string url)
    {
        Navigation.NavigateTo(url);
        return Render<PredictionsPage>();
    }
}
