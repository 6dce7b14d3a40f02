using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Web.Pages.Predictions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs.Panel;

/// <summary>The opt-in daily refresh of stale rows: off by default, validated options, runs at its time of day on a fake clock.</summary>
public sealed class StaleRefreshSchedulerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void IsOffByDefaultAndOtherwiseRunsNextAtItsTimeOfDayInUtc()
    {
        var now = new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
        new RefreshScheduleOptions().NextRunAfter(now).Should().BeNull();
        var on = new RefreshScheduleOptions { Enabled = true, TimeOfDay = TimeSpan.FromHours(3) };

        on.NextRunAfter(now).Should().Be(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));
        on.NextRunAfter(now.AddHours(1)).Should().Be(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero));
        on.NextRunAfter(new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.FromHours(4))).Should().Be(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero), "05:00+04 is 01:00 UTC");
        on.NextRunAfter(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero)).Should().Be(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void ATimeOfDayOutsideTheDayIsRefusedWhenTheOptionsAreRead()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RefreshSchedule:Enabled"] = "true", ["RefreshSchedule:TimeOfDay"] = "1.02:00:00" })
            .Build());
        services.AddStaleRefreshSchedule();
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<RefreshScheduleOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*TimeOfDay*");
    }

    [Fact]
    public async Task AtItsTimeItQueuesARefreshOfEachProfileWithStaleRowsAndNoOther()
    {
        await using var host = await PageTestHost.CreateAsync();
        await host.ComputeAsync(PageTestHost.BalancedId, decades: [2020]);
        await host.ComputeAsync(2, decades: [2020]);
        await host.Cache.Profiles.UpdateWeightsAsync(PageTestHost.BalancedId, PageTestHost.Weights(0.4, 0.2, 0.2, 0.2), Ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 2, 59, 0, TimeSpan.Zero));
        var options = Options.Create(new RefreshScheduleOptions { Enabled = true, TimeOfDay = TimeSpan.FromHours(3) });
        using var scheduler = new StaleRefreshScheduler(options, host.Status, host.Refresh, time, NullLogger<StaleRefreshScheduler>.Instance);

        await scheduler.StartAsync(Ct);
        await Eventually.UntilAsync(() => scheduler.Waiting, "the scheduler to wait for its time");
        scheduler.NextRun.Should().Be(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));
        time.Advance(TimeSpan.FromSeconds(59));
        (await host.JobsAsync()).Should().BeEmpty();
        time.Advance(TimeSpan.FromSeconds(1));

        var jobs = await Eventually.UntilAsync(host.JobsAsync, j => j.Count > 0, "the scheduled refresh");
        await scheduler.StopAsync(Ct);

        jobs.Should().ContainSingle().Which.ProfileId.Should().Be(PageTestHost.BalancedId);
        scheduler.NextRun.Should().Be(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task WhenOffItNeverQueuesAnything()
    {
        await using var host = await PageTestHost.CreateAsync();
        await host.ComputeAsync(PageTestHost.BalancedId, decades: [2020]);
        await host.Cache.Profiles.UpdateWeightsAsync(PageTestHost.BalancedId, PageTestHost.Weights(0.4, 0.2, 0.2, 0.2), Ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));
        using var scheduler = new StaleRefreshScheduler(
            Options.Create(new RefreshScheduleOptions()), host.Status, host.Refresh, time, NullLogger<StaleRefreshScheduler>.Instance);

        await scheduler.StartAsync(Ct);
        time.Advance(TimeSpan.FromDays(2));
        await scheduler.StopAsync(Ct);

        scheduler.NextRun.Should().BeNull();
        scheduler.Waiting.Should().BeFalse();
        (await host.JobsAsync()).Should().BeEmpty();
    }
}
