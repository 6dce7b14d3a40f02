using Bunit;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Web.Auth;
using Cinegraph.Web.Components.Layout;
using Cinegraph.Web.Components.Pages.Predictions;
using Cinegraph.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Web.Pages.Jobs;

/// <summary>The app bar's sign in / sign out, the missing state's sign-in link, the estimate on the public progress bar, the password box.</summary>
public sealed class AccountAndEstimateComponentTests : JobsPagesTestBase
{
    [Fact]
    public void AVisitorGetsSignInThatComesBackToThisPage()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/predictions?decade=1990");

        var menu = Render<AccountMenu>();

        menu.Find("[data-testid=sign-in]").GetAttribute("href").Should().Be("/login?returnUrl=%2Fpredictions%3Fdecade%3D1990");
        menu.FindAll("[data-testid=sign-out]").Should().BeEmpty();
    }

    [Fact]
    public void ASignedInAdministratorSeesTheirNameAndSignOut()
    {
        Auth.SetAuthorized("admin");

        var menu = Render<AccountMenu>();

        menu.Find("[data-testid=account-name]").TextContent.Should().Be("admin");
        menu.Find("[data-testid=sign-out]").GetAttribute("href").Should().Be("/logout");
        menu.FindAll("[data-testid=sign-in]").Should().BeEmpty();
    }

    [Fact]
    public void SignInFromTheSignInOrSignOutPageHasNoReturnAddress()
    {
        AccountMenu.SignInHrefFor("login?returnUrl=%2F").Should().Be("/login");
        AccountMenu.SignInHrefFor("logout").Should().Be("/login");
        AccountMenu.SignInHrefFor("").Should().Be("/login");
        AccountMenu.SignInHrefFor("admin/jobs/7").Should().Be("/login?returnUrl=%2Fadmin%2Fjobs%2F7");
    }

    [Fact]
    public void TheMissingStateTellsVisitorsWhereToSignIn()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/predictions");

        var missing = Render<MissingState>(p => p.Add(c => c.What, "The 2020s predictions"));

        missing.Find("[data-testid=missing-sign-in]").GetAttribute("href").Should().Be("/login?returnUrl=%2Fpredictions");
    }

    [Fact]
    public async Task ThePublicProgressBarShowsTheTimeLeftFromTheLastRuns()
    {
        await using var host = await StartAsync(admin: false);
        foreach (var seconds in new[] { 60, 90, 120 })
        {
            await InsertAsync(host, JobStates.Completed, j => (j.Attempt, j.AttemptedAt, j.CompletedAt) = (1, At, At.AddSeconds(seconds)));
        }

        var running = await InsertAsync(host, JobStates.Executing, j => (j.Attempt, j.AttemptedAt, j.ProgressDone, j.ProgressTotal) = (1, DateTimeOffset.UtcNow, 1, 4));
        var queued = await InsertAsync(host, JobStates.Available);

        var bar = Render<JobProgress>(p => p.Add(c => c.Job, CacheStatusReader.Summarize(running).ForVisitor()));
        var waiting = Render<JobProgress>(p => p.Add(c => c.Job, CacheStatusReader.Summarize(queued).ForVisitor()));

        bar.WaitForAssertion(() => bar.Find("[data-testid=job-estimate]").TextContent.Should().Contain("left of 1 min 40 s").And.Contain("the last 3 runs", "(3·120 + 2·90 + 60) / 6 s, the newest most"));
        waiting.WaitForAssertion(() => waiting.Find("[data-testid=job-estimate]").TextContent.Should().Contain("about 1 min 40 s left"));
    }

    [Fact]
    public async Task AJobOfAShapeThatNeverCompletedHasNoEstimate()
    {
        await using var host = await StartAsync(admin: false);
        var running = await InsertAsync(host, JobStates.Executing, j => (j.Attempt, j.AttemptedAt, j.ProgressTotal) = (1, DateTimeOffset.UtcNow, 4));

        var bar = Render<JobProgress>(p => p.Add(c => c.Job, CacheStatusReader.Summarize(running)));

        bar.WaitForAssertion(() => bar.Find("[data-testid=job-running]"));
        bar.FindAll("[data-testid=job-estimate]").Should().BeEmpty();
    }

    [Fact]
    public void TheGeneratedPasswordIsPrintedInABoxWithHowToFixIt()
    {
        var box = GeneratedPasswordBox.Format("admin", "s3cretPassw0rdXYZ");
        var lines = box.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        lines[0].Should().StartWith("╔").And.EndWith("╗");
        lines[^1].Should().StartWith("╚").And.EndWith("╝");
        lines.Skip(1).SkipLast(1).Should().OnlyContain(l => l.StartsWith('║') && l.EndsWith('║') && l.Length == lines[0].Length);
        box.Should().Contain("password:  s3cretPassw0rdXYZ").And.Contain("user name: admin").And.Contain("Admin__Password");
    }
}
