using System.Diagnostics.Metrics;

namespace Cinegraph.Core.Caching;

/// <summary>
/// The cache's OpenTelemetry metrics (meter <see cref="MeterName"/>): <c>cinegraph.cache.reads</c>, reads by level
/// (<c>l1</c>, the memory; <c>database</c>, the row an L1 miss loads) and result (<c>hit</c>, <c>miss</c>).
/// </summary>
public static class CacheMetrics
{
    public const string MeterName = "Cinegraph.Cache";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Reads = Meter.CreateCounter<long>(
        "cinegraph.cache.reads", description: "Cache reads by level (l1, database) and result (hit, miss)");

    internal static void Read(string level, bool hit) =>
        Reads.Add(1, new KeyValuePair<string, object?>("level", level), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
}
