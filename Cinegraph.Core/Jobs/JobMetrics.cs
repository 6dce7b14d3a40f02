using System.Diagnostics.Metrics;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The refresh queue's OpenTelemetry metrics (meter <see cref="MeterName"/>): attempts ended by state, their duration,
/// jobs rescued, the due jobs the last poll of this node found waiting (the queue depth), and the jobs in the table by
/// state as of this node's last poll (the whole table, so every node reports the same figures: do not sum them).
/// </summary>
public static class JobMetrics
{
    public const string MeterName = "Cinegraph.Jobs";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Ended = Meter.CreateCounter<long>(
        "cinegraph.jobs.ended", description: "Job attempts that ended, by the state they left the job in (completed, retryable, discarded, cancelled)");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "cinegraph.jobs.duration", "s", "How long job attempts ran, by the state they left the job in");

    private static readonly Counter<long> Rescued = Meter.CreateCounter<long>(
        "cinegraph.jobs.rescued", description: "Jobs taken from a node that stopped beating, by the state they were given");

    private static long s_due;

    private static readonly ObservableGauge<long> Due = Meter.CreateObservableGauge(
        "cinegraph.jobs.due", () => Volatile.Read(ref s_due), description: "Due jobs waiting to be claimed, as of this node's last poll");

    private static IReadOnlyDictionary<string, long> s_byState = new Dictionary<string, long>();

    private static readonly ObservableGauge<long> ByState = Meter.CreateObservableGauge(
        "cinegraph.jobs.by_state",
        () => JobStates.All.Select(state => new Measurement<long>(
            Volatile.Read(ref s_byState).GetValueOrDefault(state), new KeyValuePair<string, object?>("state", state))),
        description: "Jobs in the table by state (all nodes' jobs), as of this node's last poll");

    internal static void AttemptEnded(string state, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("state", state);
        Ended.Add(1, tag);
        Duration.Record(duration.TotalSeconds, tag);
    }

    internal static void JobRescued(string state) => Rescued.Add(1, new KeyValuePair<string, object?>("state", state));

    internal static void DueJobsSeen(int count) => Volatile.Write(ref s_due, count);

    internal static void StatesCounted(IReadOnlyDictionary<string, long> byState) => Volatile.Write(ref s_byState, byState);
}
