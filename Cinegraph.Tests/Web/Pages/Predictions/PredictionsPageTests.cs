using Bunit;
using Bunit.TestDoubles;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Caching;
using Cinegraph.Web.Components.Pages.Predictions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>The predictions page over the real Core services and a temp SQLite catalogue; the worker's events are published by hand.</summary>
public sealed class PredictionsPageTests : BunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public PredictionsPageTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;

        // Bounded, but not 1 s: the tests read a real database on a shared 2-core machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        _auth = AddAuthorization();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShowsMissingStateWithRefreshButtonForAdminWhenNothingIsCached()
    {
        await using var host = await StartAsync(admin: true);

        var page = RenderPage("/predictions");

        page.WaitForAssertion(() =>
        {
            page.Find("h1").TextContent.Should().Be("2020s predictions");
            page.Find("[data-testid=missing-state]").TextContent.Should()
                .Contain("The predictions for the 2020s with the Learned profile have not been computed yet");
            page.FindAll("[data-testid=missing-refresh-button]").Should().ContainSingle();
            page.FindAll("[data-testid=refresh-button]").Should().ContainSingle();
            page.FindAll("[data-testid=ask-admin]").Should().BeEmpty();
            page.FindAll("[data-testid=demo-banner]").Should().ContainSingle();
        });
    }

    [Fact]
    public async Task RendersNoAdminControlsForAnonymousVisitors()
    {
        await using var host = await StartAsync(admin: false);
        var job = await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct);
        await host.UpdateJobAsync(job.Job.Id, j =>
        {
            j.State = JobStates.Discarded;
            j.Errors = [new JobError(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 3, "boom")];
        });

        var page = RenderPage("/predictions?decade=2020&profile=balanced");

        page.WaitForAssertion(() => page.Find("[data-testid=ask-admin]").TextContent.Should().Contain("An administrator can compute them"));
        page.FindAll("[data-testid=job-error]").Should().BeEmpty("a failed job is shown to administrators only");
        page.FindAll("[data-testid=job-progress]").Should().BeEmpty();
        page.Markup.Should().NotContain("boom");
        page.FindAll("[data-testid=refresh-button]").Should().BeEmpty();
        page.FindAll("[data-testid=missing-refresh-button]").Should().BeEmpty();
        page.FindAll("[data-testid=retry-button]").Should().BeEmpty();
        page.Markup.Should().NotContain("Save as profile");
    }

    [Fact]
    public async Task VisitorsSeeAFailedAttemptOnlyAsARefreshRunningAndACancelledJobNotAtAll()
    {
        await using var host = await StartAsync(admin: false);
        var job = (await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct)).Job;
        await host.UpdateJobAsync(job.Id, j =>
        {
            j.State = JobStates.Retryable;
            j.Attempt = 1;
            j.Errors = JobErrors.Append([], new JobError(DateTimeOffset.UtcNow, 1, "disk /var/lib/cinegraph is full", "System.IO.IOException"));
        });
        var page = RenderPage("/predictions?profile=balanced");

        page.WaitForAssertion(() => page.Find("[data-testid=job-running]").TextContent.Should().Contain("A refresh is running"));
        page.Markup.Should().NotContain("/var/lib").And.NotContain("IOException").And.NotContain("failed");

        await host.UpdateJobAsync(job.Id, j =>
        {
            j.State = JobStates.Cancelled;
            j.CancelledAt = DateTimeOffset.UtcNow;
        });
        await host.Events.PublishAsync(new RefreshFailed(job.Id, PageTestHost.BalancedId, JobStates.Cancelled, "Cancelled while running."), Ct);

        page.WaitForAssertion(() => page.FindAll("[data-testid=job-progress]").Should().BeEmpty());
        page.Markup.Should().NotContain("cancelled").And.NotContain("/var/lib");
    }

    [Fact]
    public async Task AdminsSeeTheMessageAndTypeOfAFailedAttempt()
    {
        await using var host = await StartAsync(admin: true);
        var job = (await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct)).Job;
        await host.UpdateJobAsync(job.Id, j =>
        {
            j.State = JobStates.Retryable;
            j.Attempt = 1;
            j.Errors = JobErrors.Append([], new JobError(DateTimeOffset.UtcNow, 1, "disk /var/lib/cinegraph is full", "System.IO.IOException"));
        });

        var page = RenderPage("/predictions?profile=balanced");

        page.WaitForAssertion(() => page.Find("[data-testid=job-error]").TextContent.Should()
            .Contain("Attempt 1 failed: disk /var/lib/cinegraph is full (IOException)"));
    }

    [Fact]
    public async Task QueuesOneJobAndShowsItAgainOnASecondClick()
    {
        await using var host = await StartAsync(admin: true);
        var page = RenderPage("/predictions");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-refresh-button]"));

        await page.Find("[data-testid=missing-refresh-button]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=job-progress]").GetAttribute("data-job-state").Should().Be(JobStates.Available);
            page.Find("[data-testid=job-queued]").TextContent.Should().Contain("Queued");
        });
        var jobId = (await host.JobsAsync()).Single().Id;

        await page.Find("[data-testid=refresh-button]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=notice]").TextContent.Should().Contain($"already queued (job #{jobId})"));
        (await host.JobsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task ShowsProgressFromTheJobRowAndThenFromEvents()
    {
        await using var host = await StartAsync(admin: false);
        var job = (await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct)).Job;
        await host.UpdateJobAsync(job.Id, j =>
        {
            j.State = JobStates.Executing;
            j.Attempt = 1;
            j.ProgressDone = 3;
            j.ProgressTotal = 14;
            j.ProgressNote = "1940s cached";
        });

        // Opened mid-run: the progress comes from the row, before any push.
        var page = RenderPage("/predictions?profile=balanced");
        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=job-done]").TextContent.Should().Be("3");
            page.Find("[data-testid=job-total]").TextContent.Should().Be("14");
            page.Find("[data-testid=job-running]").TextContent.Should().Contain("1940s cached");
        });

        await host.Events.PublishAsync(new RefreshProgress(job.Id, PageTestHost.BalancedId, 5, 14, "1960s cached"), Ct);

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=job-done]").TextContent.Should().Be("5");
            page.Find("[data-testid=job-running]").TextContent.Should().Contain("1960s cached");
        });
    }

    [Fact]
    public async Task ShowsADamagedRowAsNotComputedInsteadOfAnError()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(decades: [2020]);
        await CacheRowDamage.ApplyAsync(host.Factory, "prediction_cache", CacheRowDamage.PredictionRow(2020, PageTestHost.BalancedId), CacheRowDamage.PredictionDamages["unknown category index"], Xunit.TestContext.Current.CancellationToken);
        await host.Cache.Cache.InvalidateAllAsync(Xunit.TestContext.Current.CancellationToken);

        var page = RenderPage("/predictions?profile=balanced");

        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));
        page.FindAll("[data-testid=predictions-table]").Should().BeEmpty();
        page.Markup.Should().NotContain("Something went wrong");
    }

    [Fact]
    public async Task NeverListsDemoFilmsAfterTheRealBundleWasImported()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(decades: [2020]);
        var demoTitles = await DemoTitlesOf2020Async(host);
        await host.Catalogue.ImportTinyBundleAsync(isDemo: false, Xunit.TestContext.Current.CancellationToken);

        var page = RenderPage("/predictions?profile=balanced");

        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));
        page.FindAll("[data-testid=predictions-table]").Should().BeEmpty();
        demoTitles.Should().NotBeEmpty().And.OnlyContain(title => !page.Markup.Contains(title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IgnoresEventsOfOtherProfiles()
    {
        await using var host = await StartAsync(admin: false);
        var page = RenderPage("/predictions");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));

        await host.ComputeAsync(profileId: 2, decades: [2020]);

        page.FindAll("[data-testid=predictions-table]").Should().BeEmpty();
        page.Find("[data-testid=missing-state]").Should().NotBeNull();
    }

    [Fact]
    public async Task SwapsFromMissingToResultsWhenTheJobCachesTheShownDecade()
    {
        await using var host = await StartAsync(admin: false);
        var page = RenderPage("/predictions?decade=2020&profile=balanced");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));

        // The real calculation writes the row and publishes DecadeCached through the real in-process events.
        await host.ComputeAsync(decades: [2010, 2020]);
        await host.Events.PublishAsync(new RefreshCompleted(42, PageTestHost.BalancedId, DateTimeOffset.UtcNow), Ct);

        page.WaitForAssertion(() =>
        {
            page.FindAll("[data-testid=missing-state]").Should().BeEmpty();
            page.Find("[data-testid=results-header]").TextContent.Should().Contain("Top films of the 2020s · Balanced");
            page.FindAll("[data-testid=film-link]").Should().NotBeEmpty();
        });
        host.Cache.State.ListenerCount.Should().Be(1);
    }

    [Fact]
    public async Task ShowsTheErrorAndRetriesAFailedJob()
    {
        await using var host = await StartAsync(admin: true);
        var job = (await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct)).Job;
        var page = RenderPage("/predictions?profile=balanced");
        page.WaitForAssertion(() => page.Find("[data-testid=job-queued]"));

        await host.UpdateJobAsync(job.Id, j =>
        {
            j.State = JobStates.Discarded;
            j.Attempt = 3;
            j.DiscardedAt = DateTimeOffset.UtcNow;
            j.Errors = [new JobError(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 3, "database went away")];
        });
        await host.Events.PublishAsync(new RefreshFailed(job.Id, PageTestHost.BalancedId, JobStates.Discarded, "database went away"), Ct);

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=job-error]").TextContent.Should().Contain("failed: database went away");
            page.FindAll("[data-testid=retry-button]").Should().ContainSingle();
        });

        await page.Find("[data-testid=retry-button]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=job-progress]").GetAttribute("data-job-state").Should().Be(JobStates.Available));
        var jobs = await host.JobsAsync();
        jobs.Should().HaveCount(2);
        jobs[1].State.Should().Be(JobStates.Available);
    }

    [Fact]
    public async Task ShowsResultsWithHeaderStatsImdbLinksAndShowMore()
    {
        await using var host = await StartAsync(admin: false, films: 900);
        await host.ComputeAsync(decades: [2020], includeValidation: true);

        var page = RenderPage("/predictions?decade=2020&profile=balanced");

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=calculated-at]").TextContent.Should().Contain("UTC").And.Contain("just now");
            page.Find("[data-testid=calculated-at] time").GetAttribute("datetime").Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$");
            page.Find("[data-testid=stat-candidates]").TextContent.Should().Contain("candidates scored");
            page.Find("[data-testid=stat-accuracy]").TextContent.Should().Contain("%").And.Contain("micro");
            page.Find("[data-testid=stat-added]").TextContent.Should().Contain("already on the list");
            page.FindAll("[data-testid=film-link]").Should().HaveCount(100);
        });
        page.Find("[data-testid=film-link]").GetAttribute("href").Should().MatchRegex("^https://www.imdb.com/title/tt[0-9]+/$");
        page.FindAll("[data-testid=stale-badge]").Should().BeEmpty();

        await page.Find("[data-testid=show-more]").ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=film-link]").Count.Should().BeGreaterThan(100));
        page.FindAll("[data-testid=show-more]").Should().BeEmpty();
    }

    [Fact]
    public async Task ShowsAStaleBadgeWithTheReasonWhenTheWeightsChanged()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(decades: [2020]);
        await host.Cache.Profiles.UpdateWeightsAsync(PageTestHost.BalancedId, PageTestHost.Weights(0.4, 0.2, 0.2, 0.2), Ct);

        var page = RenderPage("/predictions?profile=balanced");

        page.WaitForAssertion(() => page.Find("[data-testid=stale-badge]").TextContent.Should().Contain("profile weights changed (version 1 → 2)"));
    }

    [Fact]
    public async Task OpensTheDetailsOfTheCachedEntry()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(profileId: PageTestHost.LearnedId, decades: [2020]);
        var dialogs = Render<MudDialogProvider>();

        var page = RenderPage("/predictions");
        page.WaitForAssertion(() => page.Find("[data-testid=details-button]"));
        // The browser raises `filmdetails` on the table body with the clicked button's data-film (Cinegraph.Web.lib.module.js).
        var imdbId = page.Find("[data-testid=details-button]").GetAttribute("data-film");
        await page.Find("[data-testid=predictions-table] tbody").TriggerEventAsync("onfilmdetails", new FilmDetailsEventArgs { ImdbId = imdbId });

        dialogs.WaitForAssertion(() =>
        {
            var rows = dialogs.FindAll("[data-testid=breakdown-row]");
            rows.Should().HaveCount(4);
            rows.Select(r => r.TextContent).Should().Contain(t => t.Contains("Popular opinion", StringComparison.Ordinal))
                .And.Contain(t => t.Contains("pts", StringComparison.Ordinal));
            dialogs.Markup.Should().Contain("Awards (");
            dialogs.Find("[data-testid=film-lists]").Should().NotBeNull();
        });
    }

    [Fact]
    public async Task SwitchingDecadeAndProfileUpdatesTheUrlAndReadsThatRow()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(profileId: 2, decades: [1990]);
        var page = RenderPage("/predictions");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));
        var navigation = Services.GetRequiredService<NavigationManager>();

        await page.Find("[data-testid=decade-select]").ChangeAsync(new ChangeEventArgs { Value = "1990" });
        await page.Find("[data-testid=profile-select]").ChangeAsync(new ChangeEventArgs { Value = "award-winner" });

        navigation.Uri.Should().Contain("decade=1990").And.Contain("profile=award-winner");
        page.WaitForAssertion(() =>
        {
            page.Find("h1").TextContent.Should().Be("1990s predictions");
            page.Find("[data-testid=results-header]").TextContent.Should().Contain("Top films of the 1990s · Award Winner");
        });
    }

    [Theory]
    [InlineData("/predictions?decade=1850")]
    [InlineData("/predictions?decade=2025")]
    [InlineData("/predictions?decade=abc")]
    [InlineData("/predictions?decade=99999999999")]
    [InlineData("/predictions?profile=no-such-profile")]
    public async Task ShowsTheNotFoundPageForAnUnknownDecadeOrProfile(string url)
    {
        await using var host = await StartAsync(admin: false, films: 0);

        var page = RenderPage(url);

        page.WaitForAssertion(() => page.Markup.Should().Contain("Page not found"));
        page.FindAll("[data-testid=missing-state]").Should().BeEmpty();
    }

    [Fact]
    public async Task UnsubscribesWhenDisposed()
    {
        await using var host = await StartAsync(admin: false, films: 0);
        var page = RenderPage("/predictions");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));
        host.Cache.State.ListenerCount.Should().Be(1);

        await DisposeComponentsAsync();

        host.Cache.State.ListenerCount.Should().Be(0);
    }

    [Fact]
    public async Task TheTabBarRendersOnlyTheSelectedTabsContentAndMakesOnlyThatTabATabStop()
    {
        await using var host = await StartAsync(admin: false);
        await host.ComputeAsync(decades: [2020]);
        var page = RenderPage("/predictions?decade=2020&profile=balanced");
        page.WaitForAssertion(() => page.FindAll("[data-testid=film-link]").Should().NotBeEmpty());

        var tabs = page.FindAll("[role=tab]");
        tabs.Select(t => t.TextContent).Should().Equal("Predictions", "Historical validation", "Profile comparison", "Custom weights");
        tabs.Select(t => t.GetAttribute("aria-selected")).Should().Equal("true", "false", "false", "false");
        tabs.Select(t => t.GetAttribute("tabindex")).Should().Equal("0", "-1", "-1", "-1");
        page.Find("[role=tabpanel]").GetAttribute("aria-labelledby").Should().Be(tabs[0].Id);

        await page.FindAll("[role=tab]")[2].ClickAsync(new());

        page.FindAll("[role=tab]").Select(t => t.GetAttribute("aria-selected")).Should().Equal("false", "false", "true", "false");
        page.FindAll("[role=tab]").Select(t => t.GetAttribute("tabindex")).Should().Equal("-1", "-1", "0", "-1");
        page.Find("[role=tabpanel]").GetAttribute("aria-labelledby").Should().Be(page.FindAll("[role=tab]")[2].Id);
        page.FindAll("[data-testid=predictions-table]").Should().BeEmpty("only the selected tab's content is rendered");
        page.FindComponents<WeightsTuner>().Should().BeEmpty();
        page.FindComponents<ComparisonSection>().Should().ContainSingle();
    }

    [Fact]
    public async Task SavesValidCustomWeightsAsAProfileWhoseCacheIsMissing()
    {
        await using var host = await StartAsync(admin: true, films: 0);
        var page = RenderPage("/predictions");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Custom weights", StringComparison.Ordinal)).Click();

        var tuner = page.FindComponent<WeightsTuner>();
        SetSlider(tuner, "popular_opinion", 40);
        SetSlider(tuner, "people_quality", 10);
        tuner.Find("input[data-testid=profile-name]").Input("Old Masters");
        await tuner.Find("[data-testid=save-profile]").ClickAsync(new());

        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith("profile=old-masters");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]").TextContent.Should().Contain("with the Old Masters profile have not been computed"));
        var saved = await host.Cache.Profiles.FindBySlugAsync("old-masters", Ct);
        saved!.Weights.Should().Be(PageTestHost.Weights(0.40, 0.25, 0.25, 0.10));
    }

    [Fact]
    public async Task RefusesToSaveANameWithABidiOverrideOrADescriptionOver500Characters()
    {
        await using var host = await StartAsync(admin: true, films: 0);
        var page = RenderPage("/predictions");
        page.WaitForAssertion(() => page.Find("[data-testid=missing-state]"));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Custom weights", StringComparison.Ordinal)).Click();
        var tuner = page.FindComponent<WeightsTuner>();
        SetSlider(tuner, "popular_opinion", 40);
        SetSlider(tuner, "people_quality", 10);

        tuner.Find("input[data-testid=profile-name]").Input("Old\u202EMasters");
        tuner.Find("input[data-testid=profile-description]").Change(new string('d', 501));
        await tuner.Find("[data-testid=save-profile]").ClickAsync(new());

        tuner.WaitForAssertion(() => tuner.FindAll("[data-testid=save-error]").Select(e => e.TextContent).Should()
            .Contain(e => e.Contains("U+202E", StringComparison.Ordinal)).And.Contain(e => e.Contains("at most 500", StringComparison.Ordinal)));
        (await host.Cache.Profiles.GetActiveAsync(Ct)).Should().HaveCount(6);
    }

    internal static void SetSlider(IRenderedComponent<WeightsTuner> tuner, string key, int value) =>
        tuner.Find($"input[data-testid=weight-{key}]").Input(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<PageTestHost> StartAsync(bool admin, int films = 300)
    {
        var host = await PageTestHost.CreateAsync(films: films);
        host.Register(Services);

        // An interactive server render (the circuit), as the page runs after its prerender.
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
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<PredictionsPage>();
    }

    private static async Task<List<string>> DemoTitlesOf2020Async(PageTestHost host)
    {
        var read = await host.Cache.Cache.GetPredictionsAsync(2020, PageTestHost.BalancedId, 10, Xunit.TestContext.Current.CancellationToken);
        await host.Cache.Cache.InvalidateAllAsync(Xunit.TestContext.Current.CancellationToken);
        return [.. ((Cinegraph.Core.Caching.CacheRead<Cinegraph.Core.Caching.CachedPredictions>.Ready)read).Value.Entries.Select(e => e.Title)];
    }
}
