using Bunit;
using Bunit.TestDoubles;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Caching;
using Cinegraph.Tests.Web.Pages.Predictions;
using Cinegraph.Web.Components.Pages.Admin;
using MudBlazor;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Admin;

/// <summary>The admin cache panel over the real Core services and a temp SQLite catalogue.</summary>
public sealed class AdminCachePageTests : BunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public AdminCachePageTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;

        // Bounded, but not 1 s: the tests read a real database on a shared 2-core machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        _auth = AddAuthorization();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShowsEveryProfileAndDecadeWithTheirStateJobsAndImports()
    {
        await using var host = await StartAsync(admin: true);
        await host.ComputeAsync(decades: [1990, 2020]);
        await host.Cache.Profiles.UpdateWeightsAsync(PageTestHost.BalancedId, PageTestHost.Weights(0.4, 0.2, 0.2, 0.2), Ct);
        var job = (await host.Refresh.EnqueueAsync(2, cancellationToken: Ct)).Job;
        await host.UpdateJobAsync(job.Id, j =>
        {
            j.State = JobStates.Executing;
            j.Attempt = 1;
            j.ProgressDone = 4;
            j.ProgressTotal = 14;
            j.HeartbeatAt = DateTimeOffset.UtcNow;
        });

        var page = Render<AdminCachePage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=profile-status]").Should().HaveCount(6));
        var balanced = Profile(page, "Balanced");
        balanced.QuerySelectorAll("[data-testid=row-chip]").Should().HaveCount(12);
        balanced.QuerySelector("[data-row='2020s']")!.GetAttribute("data-state").Should().Be("stale");
        balanced.QuerySelector("[data-row='1980s']")!.GetAttribute("data-state").Should().Be("missing");
        balanced.QuerySelector("[data-testid=stale-reason]")!.TextContent.Should().Contain("1990s, 2020s").And.Contain("profile weights changed");
        var award = Profile(page, "Award Winner");
        award.QuerySelector("[data-testid=latest-job]")!.TextContent.Should().Contain($"#{job.Id}").And.Contain("executing").And.Contain("attempt 1 / 3");
        award.QuerySelector("[data-testid=latest-job-progress]")!.TextContent.Should().Contain("4 / 14");
        award.QuerySelectorAll("[data-testid=cancel-job]").Should().ContainSingle();
        page.Find("[data-testid=recent-jobs]").TextContent.Should().Contain($"#{job.Id}").And.Contain("Award Winner");
        page.FindAll("[data-testid=import-row]").Should().ContainSingle().Which.TextContent.Should().Contain("generated demo catalogue");
    }

    [Fact]
    public async Task AnonymousVisitorsSeeNotAuthorizedAndNoControls()
    {
        await using var host = await StartAsync(admin: false);

        var page = Render<AdminCachePage>();

        page.WaitForAssertion(() => page.Find("[data-testid=not-authorized]").TextContent.Should().Contain("for administrators"));
        page.FindAll("button").Should().BeEmpty();
        host.Cache.State.ListenerCount.Should().Be(0);
    }

    [Fact]
    public async Task RefreshesOneProfileAndAllWithoutDuplicates()
    {
        await using var host = await StartAsync(admin: true);
        var page = Render<AdminCachePage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=refresh-profile]").Should().HaveCount(6));

        await Profile(page, "Balanced").QuerySelector("[data-testid=refresh-profile]")!.ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=notice]").TextContent.Should().Contain("Refresh of Balanced queued"));

        await page.Find("[data-testid=refresh-all]").ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=notice]").TextContent.Should().Contain("Queued 5 refresh job(s); 1 profile(s) already had one."));
        (await host.JobsAsync()).Should().HaveCount(6);
    }

    [Fact]
    public async Task CancelsAQueuedJobAndRetriesIt()
    {
        await using var host = await StartAsync(admin: true);
        var job = (await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct)).Job;
        var page = Render<AdminCachePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=cancel-job]"));

        await page.Find("[data-testid=cancel-job]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=notice]").TextContent.Should().Contain($"Job #{job.Id} cancelled.");
            page.FindAll("[data-testid=retry-job]").Should().ContainSingle();
        });

        await page.Find("[data-testid=retry-job]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=notice]").TextContent.Should().Contain($"Job #{job.Id} queued again as job #{job.Id + 1}."));
        (await host.JobsAsync()).Select(j => j.State).Should().Equal(JobStates.Cancelled, JobStates.Available);
    }

    [Fact]
    public async Task ClearsAllOnlyAfterConfirmation()
    {
        await using var host = await StartAsync(admin: true);
        await host.ComputeAsync(decades: [2020]);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AdminCachePage>();
        page.WaitForAssertion(() => Profile(page, "Balanced").QuerySelector("[data-row='2020s']")!.GetAttribute("data-state").Should().Be("fresh"));

        var click = page.Find("[data-testid=clear-all]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Clear the whole cache?"));
        var confirm = dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Clear all");
        await confirm.ClickAsync(new());
        await click;

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=notice]").TextContent.Should().Contain("Cleared 1 cached row(s).");
            Profile(page, "Balanced").QuerySelector("[data-row='2020s']")!.GetAttribute("data-state").Should().Be("missing");
        });
    }

    [Fact]
    public async Task UpdatesLiveAsTheJobProgressesAndCompletes()
    {
        await using var host = await StartAsync(admin: true);
        var job = (await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct)).Job;
        await host.UpdateJobAsync(job.Id, j =>
        {
            j.State = JobStates.Executing;
            j.Attempt = 1;
            j.ProgressTotal = 14;
        });
        var page = Render<AdminCachePage>();
        page.WaitForAssertion(() => Profile(page, "Balanced").QuerySelector("[data-testid=latest-job-progress]")!.TextContent.Should().Contain("0 / 14"));

        await host.Events.PublishAsync(new RefreshProgress(job.Id, PageTestHost.BalancedId, 7, 14, "1970s cached"), Ct);

        page.WaitForAssertion(() => Profile(page, "Balanced").QuerySelector("[data-testid=latest-job-progress]")!.TextContent.Should().Contain("7 / 14 (1970s cached)"));

        await host.ComputeAsync(decades: [2020]);
        await host.UpdateJobAsync(job.Id, j =>
        {
            j.State = JobStates.Completed;
            j.ProgressDone = 14;
            j.CompletedAt = DateTimeOffset.UtcNow;
        });
        await host.Events.PublishAsync(new RefreshCompleted(job.Id, PageTestHost.BalancedId, DateTimeOffset.UtcNow), Ct);

        page.WaitForAssertion(() =>
        {
            var balanced = Profile(page, "Balanced");
            balanced.QuerySelector("[data-row='2020s']")!.GetAttribute("data-state").Should().Be("fresh");
            balanced.QuerySelector("[data-testid=latest-job]")!.TextContent.Should().Contain("completed");
        });
    }

    [Fact]
    public async Task ShowsDamagedRowsAsDamagedAndNotCached()
    {
        await using var host = await StartAsync(admin: true);
        await host.ComputeAsync(decades: [1990, 2020], includeValidation: true);
        await CacheRowDamage.ApplyAsync(host.Factory, "prediction_cache", CacheRowDamage.PredictionRow(2020, PageTestHost.BalancedId), CacheRowDamage.PredictionDamages["unknown category index"], Ct);
        await CacheRowDamage.ApplyAsync(host.Factory, "validation_cache", $"\"ProfileId\" = {PageTestHost.BalancedId}", CacheRowDamage.ValidationDamages["metadata []"], Ct);
        await CacheRowDamage.ApplyAsync(host.Factory, "comparison_cache", "1 = 1", CacheRowDamage.ComparisonDamages["metadata []"], Ct);

        var page = Render<AdminCachePage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=profile-status]").Should().HaveCount(6));
        var balanced = Profile(page, "Balanced");
        balanced.QuerySelector("[data-row='2020s']")!.GetAttribute("data-state").Should().Be("damaged");
        balanced.QuerySelector("[data-row='2020s']")!.TextContent.Should().Contain("damaged");
        balanced.QuerySelector("[data-row='validation']")!.GetAttribute("data-state").Should().Be("damaged");
        balanced.QuerySelector("[data-row='1990s']")!.GetAttribute("data-state").Should().Be("fresh");
        balanced.TextContent.Should().Contain("1 / 11 decades cached");
        balanced.QuerySelector("[data-testid=damaged-rows]")!.TextContent.Should().Contain("2020s, validation").And.Contain("refresh");
        page.Find("[data-row='comparison']").GetAttribute("data-state").Should().Be("damaged");
    }

    [Fact]
    public async Task SaysTheDataChangedAndOffersRefreshAllAfterTheRealBundleReplacesTheDemo()
    {
        await using var host = await StartAsync(admin: true);
        await host.ComputeAsync(decades: [1990, 2020]);
        await host.Catalogue.ImportTinyBundleAsync(isDemo: false, Ct);

        var page = Render<AdminCachePage>();

        page.WaitForAssertion(() => page.Find("[data-testid=data-changed]").TextContent.Should().Contain("The data changed").And.Contain("another catalogue"));
        page.Find("[data-testid=data-changed]").GetAttribute("data-replaced").Should().Be("true");
        Profile(page, "Balanced").QuerySelector("[data-row='2020s']")!.GetAttribute("data-state").Should().Be("missing");

        await page.Find("[data-testid=data-changed-refresh-all]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=notice]").TextContent.Should().Contain("Queued 6 refresh job(s)"));
        (await host.JobsAsync()).Should().HaveCount(6);
    }

    private static AngleSharp.Dom.IElement Profile(IRenderedComponent<AdminCachePage> page, string name) =>
        page.FindAll("[data-testid=profile-status]").Single(e => e.GetAttribute("data-profile") == name);

    private async Task<PageTestHost> StartAsync(bool admin)
    {
        var host = await PageTestHost.CreateAsync(films: 300);
        host.Register(Services);
        if (admin)
        {
            _auth.SetAuthorized("admin");
            _auth.SetRoles("Admin");
        }

        Render<MudPopoverProvider>();
        return host;
    }
}
