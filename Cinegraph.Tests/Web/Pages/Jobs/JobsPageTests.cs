using Bunit;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Web.Pages.Predictions;
using Cinegraph.Web.Components.Pages.Jobs;

namespace Cinegraph.Tests.Web.Pages.Jobs;

/// <summary><c>/admin/jobs</c>: the list, its filters, counts, pages, bulk actions, live updates and history chart.</summary>
public sealed class JobsPageTests : JobsPagesTestBase
{
    [Fact]
    public async Task ListsTheNewestJobsFirstWithLinksCountsPerStateAndPages()
    {
        await using var host = await StartAsync();
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await InsertAsync(host, i % 2 == 0 ? JobStates.Completed : JobStates.Discarded)).Id);
        }

        var page = Render<JobsPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=job-row]").Should().HaveCount(JobFilter.DefaultPageSize));
        page.FindAll("[data-testid=job-row]")[0].GetAttribute("data-job-id").Should().Be(ids[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.FindAll("[data-testid=job-link]")[0].GetAttribute("href").Should().Be($"/admin/jobs/{ids[^1]}");
        page.Find("[data-testid=state-count][data-state=completed]").GetAttribute("data-count").Should().Be("15");
        page.Find("[data-testid=state-count][data-state=discarded]").GetAttribute("data-count").Should().Be("15");
        page.Find("[data-testid=page-info]").TextContent.Should().Contain("page 1 of 2").And.Contain("30 job(s)");
    }

    [Fact]
    public async Task FiltersByStateFromTheCountsAndFindsAJobById()
    {
        await using var host = await StartAsync();
        var failed = await InsertAsync(host, JobStates.Discarded);
        var done = await InsertAsync(host, JobStates.Completed);
        var page = Render<JobsPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=job-row]").Should().HaveCount(2));

        await page.Find("[data-testid=state-count][data-state=discarded]").ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=job-row]").Should().ContainSingle().Which.GetAttribute("data-job-id").Should().Be($"{failed.Id}"));

        await page.Find("[data-testid=state-count][data-state=all]").ClickAsync(new());
        page.WaitForAssertion(() => page.FindAll("[data-testid=job-row]").Should().HaveCount(2));
        await page.Find("[data-testid=id-search] input, input[data-testid=id-search]").ChangeAsync(new() { Value = $"{done.Id}" });

        page.WaitForAssertion(() => page.FindAll("[data-testid=job-row]").Should().ContainSingle().Which.GetAttribute("data-job-id").Should().Be($"{done.Id}"));
    }

    [Fact]
    public async Task RetriesTheSelectedFailedJobsAndDeletesTheSelectedFinishedOnes()
    {
        await using var host = await StartAsync();
        var one = await InsertAsync(host, JobStates.Discarded, j => (j.ProfileId, j.UniqueKey) = (1, RefreshManager.UniqueKeyFor(1)));
        var two = await InsertAsync(host, JobStates.Discarded, j => (j.ProfileId, j.UniqueKey) = (2, RefreshManager.UniqueKeyFor(2)));
        var page = Render<JobsPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=job-row]").Should().HaveCount(2));
        page.Find("[data-testid=bulk-retry]").HasAttribute("disabled").Should().BeTrue();

        await SelectAsync(page, one.Id);
        await SelectAsync(page, two.Id);
        page.WaitForAssertion(() => page.Find("[data-testid=selected-count]").TextContent.Should().Be("2 selected"));
        await page.Find("[data-testid=bulk-retry]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=notice]").TextContent.Should().Contain("Queued 2 job(s) again");
            page.FindAll("[data-testid=job-row]").Should().HaveCount(4);
        });
        (await host.JobsAsync()).Where(j => j.State == JobStates.Available).Select(j => j.ProfileId).Should().BeEquivalentTo([1, 2]);

        await SelectAsync(page, one.Id);
        await page.Find("[data-testid=bulk-delete]").ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=job-row]").Should().HaveCount(3));
        (await host.JobsAsync()).Select(j => j.Id).Should().NotContain(one.Id);
    }

    [Fact]
    public async Task CountsAndRowsFollowTheJobsLive()
    {
        await using var host = await StartAsync();
        var job = (await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct)).Job;
        var page = Render<JobsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=state-count][data-state=available]").GetAttribute("data-count").Should().Be("1"));

        await host.UpdateJobAsync(job.Id, j => (j.State, j.Attempt, j.AttemptedAt, j.CompletedAt) = (JobStates.Completed, 1, DateTimeOffset.UtcNow.AddSeconds(-3), DateTimeOffset.UtcNow));
        await host.Events.PublishAsync(new RefreshCompleted(job.Id, PageTestHost.BalancedId, DateTimeOffset.UtcNow), Ct);

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=state-count][data-state=available]").GetAttribute("data-count").Should().Be("0");
            page.Find("[data-testid=state-count][data-state=completed]").GetAttribute("data-count").Should().Be("1");
            page.Find("[data-testid=job-row]").GetAttribute("data-job-state").Should().Be(JobStates.Completed);
            page.Find("[data-testid=history-chart]").GetAttribute("data-completed").Should().Be("1");
        });
    }

    [Fact]
    public async Task TheHistoryChartCountsCompletedAndFailedJobsAndSaysSoWhenThereAreNone()
    {
        await using var host = await StartAsync();
        var empty = Render<JobsPage>();
        empty.WaitForAssertion(() => empty.Find("[data-testid=history-empty]"));
        await InsertAsync(host, JobStates.Completed, j => (j.AttemptedAt, j.CompletedAt) = (At, At.AddSeconds(12)));
        await InsertAsync(host, JobStates.Discarded, j => j.DiscardedAt = At.AddSeconds(20));

        var page = Render<JobsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=history-chart]").GetAttribute("data-failed").Should().Be("1"));
        page.Find("[data-testid=history-chart]").GetAttribute("data-completed").Should().Be("1");
        page.FindAll("[data-testid=history-chart] svg").Should().NotBeEmpty();
    }

    [Fact]
    public async Task AnonymousVisitorsSeeNotAuthorizedWithASignInLink()
    {
        await using var host = await StartAsync(admin: false);

        var page = Render<JobsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=not-authorized] a").GetAttribute("href").Should().Be("/login?returnUrl=%2Fadmin%2Fjobs"));
        page.FindAll("[data-testid=job-row]").Should().BeEmpty();
    }

    private static async Task SelectAsync(IRenderedComponent<JobsPage> page, long jobId)
    {
        var box = page.Find($"[data-testid=job-row][data-job-id='{jobId}'] input[type=checkbox]");
        await box.ChangeAsync(new() { Value = true });
    }
}
