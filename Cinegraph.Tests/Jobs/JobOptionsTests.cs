using Cinegraph.Core;
using Cinegraph.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Jobs;

public sealed class JobOptionsTests
{
    [Fact]
    public void DefaultsAreTheDocumentedOnes()
    {
        var options = Build([]).GetRequiredService<IOptions<JobOptions>>().Value;

        options.Concurrency.Should().Be(1);
        options.MaxAttempts.Should().Be(3);
        options.HeartbeatInterval.Should().Be(TimeSpan.FromSeconds(2));
        options.RescueAfter.Should().Be(TimeSpan.FromSeconds(10));
        options.PollInterval.Should().Be(TimeSpan.FromSeconds(2));
        options.PruneAfter.Should().Be(TimeSpan.FromDays(7));
        options.PruneBatchSize.Should().Be(1000);
        options.Node.Should().Be($"{Environment.MachineName}:{Environment.ProcessId}");
    }

    [Fact]
    public void BindsTheJobsSection()
    {
        var options = Build(new() { ["Jobs:Concurrency"] = "4", ["Jobs:RescueAfter"] = "00:01:00", ["Jobs:Node"] = "web-1" })
            .GetRequiredService<IOptions<JobOptions>>().Value;

        (options.Concurrency, options.RescueAfter, options.Node).Should().Be((4, TimeSpan.FromMinutes(1), "web-1"));
    }

    [Theory]
    [InlineData("Jobs:Concurrency", "0")]
    [InlineData("Jobs:MaxAttempts", "0")]
    [InlineData("Jobs:RescueAfter", "00:00:05")]
    [InlineData("Jobs:Node", "")]
    public void RefusesBadSettings(string key, string value)
    {
        var services = Build(new() { [key] = value });

        var read = () => services.GetRequiredService<IOptions<JobOptions>>().Value;

        read.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void TheCoreRegistrationsAndTheWorkerResolve()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["ConnectionStrings:Cinegraph"] = "Data Source=never-opened.db";
        builder.AddCinegraphCore();
        builder.Services.AddRefreshWorker();
        using var host = builder.Build();

        host.Services.GetRequiredService<RefreshManager>().Should().NotBeNull();
        host.Services.GetRequiredService<JobRescuer>().Should().NotBeNull();
        host.Services.GetRequiredService<JobPruner>().Should().NotBeNull();
        host.Services.GetRequiredService<IRefreshJobHandler>().Should().NotBeNull();
        host.Services.GetServices<IHostedService>().OfType<RefreshWorker>().Should().ContainSingle()
            .Which.Should().BeSameAs(host.Services.GetRequiredService<RefreshWorker>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddRefreshJobs();
        return services.BuildServiceProvider();
    }
}
