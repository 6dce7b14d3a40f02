using System.Diagnostics.Metrics;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The refresh queue's OpenTelemetry metrics (meter <see cref="MeterName"/>): attempts ended by state, their duration,
/// jobs rescued, the due jobs the last poll of this node found waiting (the queue depth), and the jobs in the table by
/// state as of this node's last poll (the whole table, so every node reports the same figures: do not sum them).
/// A singleton whose meter comes from the host's <see cref="IMeterFactory"/>, so two apps in one process (tests) each
/// report their own figures.
/// </summary>
public sealed class JobMetrics
{
    public const string MeterName = "Cinegraph.Jobs";

    private readonly Counter<long> _ended;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rescued;
    private long _due;
    private IReadOnlyDictionary<string, long> _byState = new Dictionary<string, long>();

    public JobMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _ended = meter.CreateCounter<long>(
            "cinegraph.jobs.ended", description: "Job attempts that ended, by the state they left the job in (completed, retryable, discarded, cancelled)");
        _duration = meter.CreateHistogram<double>("cinegraph.jobs.duration", "s", "How long job attempts ran, by the state they left the job in");
        _rescued = meter.CreateCounter<long>(
            "cinegraph.jobs.rescued", description: "Jobs taken from a node that stopped beating, by the state they were given");
        meter.CreateObservableGauge(
            "cinegraph.jobs.due", () => Volatile.Read(ref _due), description: "Due jobs waiting to be claimed, as of this node's last poll");
        meter.CreateObservableGauge(
            "cinegraph.jobs.by_state",
            () => JobStates.All.Select(state => new Measurement<long>(
                Volatile.Read(ref _byState).GetValueOrDefault(state), new KeyValuePair<string, object?>("state", state))),
            description: "Jobs in the table by state (all nodes' jobs), as of this node's last poll");
    }

    internal void AttemptEnded(string state, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("state", state);
        _ended.Add(1, tag);
        _duration.Record(duration.TotalSeconds, tag);
    }

    internal void JobRescued(string state) => _rescued.Add(1, new KeyValuePair<string, object?>("state", state));

    internal void DueJobsSeen(int count) => Volatile.Write(ref _due, count);

    internal void StatesCounted(IReadOnlyDictionary<string, long> byState) => Volatile.Write(ref _byState, byState);
}
