using System.Diagnostics.Metrics;
using Cinegraph.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Jobs;

/// <summary>The jobs' metrics belong to the app that reports them, through its own <see cref="IMeterFactory"/>.</summary>
public sealed class JobMetricsTests
{
    [Fact]
    public void TwoAppsInOneProcessEachReportTheirOwnDueJobs()
    {
        using var first = App();
        using var second = App();
        first.GetRequiredService<JobMetrics>().DueJobsSeen(3);
        second.GetRequiredService<JobMetrics>().DueJobsSeen(7);

        Due(first).Should().Equal(3);
        Due(second).Should().Equal(7);
    }

    private static ServiceProvider App()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<JobMetrics>();
        return services.BuildServiceProvider();
    }

    // The values of cinegraph.jobs.due that this app's meter reports (instruments of other apps' meters are not listened to).
    private static List<long> Due(ServiceProvider app)
    {
        var factory = app.GetRequiredService<IMeterFactory>();
        var values = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "cinegraph.jobs.due")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => values.Add(value));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
