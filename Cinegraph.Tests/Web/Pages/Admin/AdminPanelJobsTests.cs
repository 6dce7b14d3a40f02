using Bunit;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Web.Pages.Jobs;
using Cinegraph.Tests.Web.Pages.Predictions;
using Cinegraph.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Web.Pages.Admin;

/// <summary>What the admin panel says of jobs and rows to refresh, and how much SQL a job's burst of events costs it.</summary>
public sealed class AdminPanelJobsTests : JobsPagesTestBase
{
    [Fact]
    public async Task SaysHowManyRowsAreStaleOrInvalidOffersRefreshAllAndShowsTheScheduleOff()
    {
        await using var host = await StartAsync();
        await host.ComputeAsync(decades: [1990, 2020]);
        await host.Cache.Profiles.UpdateWeightsAsync(PageTestHost.BalancedId, PageTestHost.Weights(0.4, 0.2, 0.2, 0.2), Ct);

        var page = Render<AdminCachePage>();

        page.WaitForAssertion(() => page.Find("[data-testid=rows-to-refresh]").TextContent.Should().Contain("2 row(s) stale and 0 invalid").And.Contain("1 profile(s)"));
        page.Find("[data-testid=schedule]").TextContent.Should().Contain("off");
        await page.Find("[data-testid=rows-refresh-all]").ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=notice]").TextContent.Should().Contain("Queued 6 refresh job(s)"));
    }

    [Fact]
    public async Task ShowsTheDailyScheduleWithItsNextRunWhenItIsOn()
    {
        await using var host = await StartAsync(services: (_, services) =>
            services.Replace(ServiceDescriptor.Singleton(Options.Create(new RefreshScheduleOptions { Enabled = true, TimeOfDay = new TimeSpan(4, 30, 0) }))));

        var page = Render<AdminCachePage>();

        page.WaitForAssertion(() => page.Find("[data-testid=schedule]").TextContent.Should().Contain("next run").And.Contain("04:30 UTC"));
        page.FindAll("[data-testid=rows-to-refresh]").Should().BeEmpty();
    }

    [Fact]
    public async Task LinksEveryJobToItsPageAndShowsNoHeartbeatOnAFinishedJob()
    {
        await using var host = await StartAsync();
        var finished = await InsertAsync(host, JobStates.Completed, j => (j.ProfileId, j.HeartbeatAt, j.CompletedAt) = (1, At, At.AddSeconds(5)));
        var running = await InsertAsync(host, JobStates.Executing, j => (j.ProfileId, j.Attempt, j.HeartbeatAt) = (2, 1, DateTimeOffset.UtcNow));

        var page = Render<AdminCachePage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=latest-job-link]").Should().HaveCount(2));
        Profile(page, "Balanced").QuerySelector("[data-testid=latest-job-link]")!.GetAttribute("href").Should().Be($"/admin/jobs/{finished.Id}");
        Profile(page, "Balanced").QuerySelector("[data-testid=latest-job-heartbeat]").Should().BeNull();
        Profile(page, "Award Winner").QuerySelector("[data-testid=latest-job-heartbeat]").Should().NotBeNull();
        page.FindAll("[data-testid=recent-jobs] [data-testid=job-link]").Select(l => l.GetAttribute("href"))
            .Should().Equal($"/admin/jobs/{running.Id}", $"/admin/jobs/{finished.Id}");
        page.Find("[data-testid=all-jobs-link]").GetAttribute("href").Should().Be("/admin/jobs");
    }

    [Fact]
    public async Task AJobsBurstOfTwentyTwoEventsAtOnceEndsShowingEveryDecadeRendersOnlyTheChipsItChangedAndCostsOneReadWhenItEnds()
    {
        var counter = new CountingCommandInterceptor();
        await using var host = await StartAsync(services: (host, services) => UseCountedFactory(host, services, counter));
        // Inserted as the worker left it (claimed, no step done): no queued event is still on its way to the page.
        var job = await InsertAsync(host, JobStates.Executing, j =>
            (j.ProfileId, j.Decades, j.Attempt, j.AttemptedAt, j.HeartbeatAt, j.ProgressTotal) = (PageTestHost.BalancedId, MoviePredictor.Decades, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 12));
        var page = Render<AdminCachePage>();
        page.WaitForAssertion(() => Profile(page, "Balanced").QuerySelector("[data-testid=latest-job-progress]")!.TextContent.Should().Contain("0 / 12"));
        var oneRead = await OneReadAsync(counter);

        var chipRenders = ChipRenders(page);
        counter.Reset();
        await PublishBurstAsync(host, job.Id);

        page.WaitForAssertion(() => ShowsEveryDecadeFresh(page));
        counter.Count.Should().Be(0, "progress and cached decades are applied in memory");
        // The bound: each panel render used to render all 73 chips again, and each chip's tooltip then updated its popover
        // in a render batch of its own (thousands of renders for a burst handed over in several batches under load).
        ChipRenders(page).Zip(chipRenders, (after, before) => (after.Label, Rendered: after.Renders > before.Renders)).Where(c => c.Rendered).Select(c => c.Label)
            .Should().Equal(MoviePredictor.Decades.Select(d => $"{d}s"), "only the 11 chips whose rows changed render again, however many batches the burst took");

        await host.UpdateJobAsync(job.Id, j => (j.State, j.CompletedAt) = (JobStates.Completed, DateTimeOffset.UtcNow));
        await host.Events.PublishAsync(new RefreshCompleted(job.Id, PageTestHost.BalancedId, DateTimeOffset.UtcNow), Ct);

        page.WaitForAssertion(() => Profile(page, "Balanced").QuerySelector("[data-testid=latest-job]")!.TextContent.Should().Contain("completed"));
        counter.Count.Should().Be(oneRead, "the job's end reads the panel once");
    }

    private static void UseCountedFactory(PageTestHost host, IServiceCollection services, CountingCommandInterceptor counter)
    {
        var counted = new CinegraphDbContextFactory(DatabaseProvider.Sqlite, host.Catalogue.ConnectionString, b => b.AddInterceptors(counter));
        var options = Options.Create(new JobOptions());
        services.Replace(ServiceDescriptor.Singleton(new CacheStatusReader(counted, host.Cache.Verdicts, TimeProvider.System, Options.Create(new CacheOptions()))));
        services.Replace(ServiceDescriptor.Singleton(new RefreshManager(
            counted, new RefreshQueue(options), new RunningJobs(), host.Events, TimeProvider.System, options, NullLogger<RefreshManager>.Instance)));
        services.Replace(ServiceDescriptor.Singleton(new CatalogService(counted, host.Catalogue.Importer, Options.Create(new DataOptions()), NullLogger<CatalogService>.Instance)));
    }

    // What one full read of the panel costs, counted the same way.
    private async Task<int> OneReadAsync(CountingCommandInterceptor counter)
    {
        counter.Reset();
        await Services.GetRequiredService<AdminCacheViewService>().GetSnapshotAsync(Ct);
        counter.Count.Should().BeGreaterThan(3);
        return counter.Count;
    }

    // A refresh's 22 events (progress and decade cached, for each of 11 decades), published at once.
    private static async Task PublishBurstAsync(PageTestHost host, long jobId)
    {
        var done = 0;
        foreach (var decade in MoviePredictor.Decades)
        {
            await host.Events.PublishAsync(new RefreshProgress(jobId, PageTestHost.BalancedId, ++done, 12, $"{decade}s cached"), Ct);
            await host.Events.PublishAsync(new DecadeCached(jobId, PageTestHost.BalancedId, decade, DateTimeOffset.UtcNow), Ct);
        }
    }

    // Compared as text: a failed check inside WaitForAssertion runs after every render, and formatting DOM elements
    // into its message took seconds each under load (the burst then outlived the wait).
    private static void ShowsEveryDecadeFresh(IRenderedComponent<AdminCachePage> page)
    {
        var balanced = Profile(page, "Balanced");
        balanced.QuerySelectorAll("[data-testid=row-chip]").Select(c => $"{c.GetAttribute("data-row")}={c.GetAttribute("data-state")}").Should().Equal(
            [.. MoviePredictor.Decades.Select(d => $"{d}s=fresh"), "validation=missing"], "each cached decade turns its chip fresh");
        balanced.QuerySelector("[data-testid=latest-job-progress]")!.TextContent.Should().Contain("11 / 12");
    }

    // Each chip of the panel in page order, with how often bUnit saw it (or its tooltip) render; read afresh each time.
    private static (string Label, int Renders)[] ChipRenders(IRenderedComponent<AdminCachePage> page) =>
        [.. page.FindComponents<RowChip>().Select(c => (c.Instance.Label, c.RenderCount))];

    private static AngleSharp.Dom.IElement Profile(IRenderedComponent<AdminCachePage> page, string name) =>
        page.FindAll("[data-testid=profile-status]").Single(e => e.GetAttribute("data-profile") == name);
}
