using Bunit;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Web.Pages.Predictions;
using Cinegraph.Web.Components.Pages.Jobs;

namespace Cinegraph.Tests.Web.Pages.Jobs;

/// <summary><c>/admin/jobs/{id}</c>: arguments, node, timeline, every attempt's error and steps, the estimate, live progress, cancel and retry.</summary>
public sealed class JobPageTests : JobsPagesTestBase
{
    [Fact]
    public async Task ShowsArgumentsNodeTimelineAndEveryAttemptsErrorAndSteps()
    {
        await using var host = await StartAsync();
        var job = await InsertAsync(host, JobStates.Discarded, j =>
        {
            (j.Decades, j.IncludeValidation, j.Attempt, j.AttemptedBy, j.DiscardedAt) = ([1990, 2000], true, 2, "node-b", At.AddSeconds(40));
            j.Errors = [new JobError(At.AddSeconds(10), 1, "disk full", "System.IO.IOException"), new JobError(At.AddSeconds(40), 2, "still full")];
            j.Attempts =
            [
                new JobAttemptRecord(1, "node-a", At.AddSeconds(1), At.AddSeconds(10), JobStates.Retryable, [new JobStep("loaded 300 films", 2.5), new JobStep("1990s cached", 1.5)]),
                new JobAttemptRecord(2, "node-b", At.AddSeconds(30), At.AddSeconds(40), JobStates.Discarded, []),
            ];
        });

        var page = Render<JobPage>(p => p.Add(c => c.Id, job.Id));

        page.WaitForAssertion(() => page.Find("[data-testid=job-summary]").GetAttribute("data-job-state").Should().Be(JobStates.Discarded));
        page.Find("[data-testid=job-arguments]").TextContent.Should().Contain("1990s, 2000s").And.Contain("refresh_profile").And.Contain("yes");
        page.Find("[data-testid=job-node]").TextContent.Should().Be("node-b");
        page.FindAll("[data-testid=timeline-entry]").Select(e => e.GetAttribute("data-kind")).Should().Equal(
            JobTimeline.Queued, JobTimeline.Started, JobTimeline.Failed, JobTimeline.Started, JobTimeline.Retry, JobTimeline.Failed, JobStates.Discarded);
        page.FindAll("[data-testid=attempt-error]").Select(e => e.TextContent).Should().Equal("disk full", "still full");
        page.FindAll("[data-testid=step]").Select(e => e.TextContent).Should().Equal("loaded 300 films2.5 s", "1990s cached1.5 s");
        page.Markup.Should().NotContain("IOException", "the type and stack trace are for the log");
        page.FindAll("[data-testid=job-retry]").Should().ContainSingle();
        page.FindAll("[data-testid=job-cancel]").Should().BeEmpty();
    }

    [Fact]
    public async Task FollowsARunningJobLiveWithItsEstimateAndHidesTheHeartbeatOnceItFinished()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await InsertAsync(host, JobStates.Completed, j => (j.Attempt, j.AttemptedAt, j.CompletedAt) = (1, At, At.AddSeconds(600)));
        }

        var job = await InsertAsync(host, JobStates.Executing, j =>
            (j.Attempt, j.AttemptedBy, j.AttemptedAt, j.HeartbeatAt, j.ProgressTotal) = (1, "node-a", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 4));
        var page = Render<JobPage>(p => p.Add(c => c.Id, job.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=job-done]").TextContent.Should().Be("0"));
        page.Find("[data-testid=job-estimate]").TextContent.Should().Contain("left of 10 min 0 s").And.Contain("the last 3 runs");

        await host.UpdateJobAsync(job.Id, j => (j.ProgressDone, j.ProgressNote) = (2, "1990s cached"));
        await host.Events.PublishAsync(new RefreshProgress(job.Id, 1, 2, 4, "1990s cached"), Ct);

        page.WaitForAssertion(() => page.Find("[data-testid=job-step]").TextContent.Should().Contain("Step 2 of 4").And.Contain("1990s cached"));

        await host.UpdateJobAsync(job.Id, j => (j.State, j.CompletedAt) = (JobStates.Completed, DateTimeOffset.UtcNow));
        await host.Events.PublishAsync(new RefreshCompleted(job.Id, 1, DateTimeOffset.UtcNow), Ct);

        page.WaitForAssertion(() => page.Find("[data-testid=job-summary]").GetAttribute("data-job-state").Should().Be(JobStates.Completed));
        page.FindAll("[data-testid=job-estimate]").Should().BeEmpty();
        page.FindAll("[data-testid=job-step]").Should().BeEmpty();
    }

    [Fact]
    public async Task CancelsAQueuedJobThenRetriesItAsANewJobWithALinkToIt()
    {
        await using var host = await StartAsync();
        var job = (await host.Refresh.EnqueueAsync(PageTestHost.BalancedId, cancellationToken: Ct)).Job;
        var page = Render<JobPage>(p => p.Add(c => c.Id, job.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=job-cancel]"));

        await page.Find("[data-testid=job-cancel]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=notice]").TextContent.Should().Contain("Cancelled.");
            page.Find("[data-testid=job-summary]").GetAttribute("data-job-state").Should().Be(JobStates.Cancelled);
        });
        page.FindAll("[data-testid=timeline-entry]").Select(e => e.TextContent).Should().Contain(t => t.Contains("Cancelled before it ran", StringComparison.Ordinal));

        await page.Find("[data-testid=job-retry]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=new-job-link]").GetAttribute("href").Should().Be($"/admin/jobs/{job.Id + 1}"));
        (await host.JobsAsync()).Select(j => j.State).Should().Equal(JobStates.Cancelled, JobStates.Available);
    }

    [Fact]
    public async Task SaysSoWhenTheJobDoesNotExist()
    {
        await using var host = await StartAsync();

        var page = Render<JobPage>(p => p.Add(c => c.Id, 4242L));

        page.WaitForAssertion(() => page.Find("[data-testid=job-not-found]").TextContent.Should().Contain("4242"));
    }

    [Fact]
    public async Task AnonymousVisitorsSeeNotAuthorized()
    {
        await using var host = await StartAsync(admin: false);

        var page = Render<JobPage>(p => p.Add(c => c.Id, 1L));

        page.WaitForAssertion(() => page.Find("[data-testid=not-authorized] a").GetAttribute("href").Should().Be("/login?returnUrl=%2Fadmin%2Fjobs%2F1"));
        host.Cache.State.ListenerCount.Should().Be(0);
    }
}
