using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Benchmarks;

/// <summary>
/// A full refresh end to end on the real bundle in SQLite, as the app runs it: enqueue → the worker claims the job →
/// snapshot, 11 decades, validation, comparison written → <see cref="RefreshCompleted"/>. Goals: one profile &lt; 5 s,
/// all five &lt; 20 s.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RefreshBenchmarks
{
    private BenchmarkCatalogue? _catalogue;
    private RefreshManager? _manager;
    private IPredictionEvents? _events;

    [GlobalSetup]
    public void StartApp()
    {
        _catalogue = BenchmarkCatalogue.Create(withWorker: true);
        _manager = _catalogue.Services.GetRequiredService<RefreshManager>();
        _events = _catalogue.Services.GetRequiredService<IPredictionEvents>();
    }

    [GlobalCleanup]
    public void Cleanup() => _catalogue?.Dispose();

    [Benchmark(Description = "Refresh Balanced: queued → completed")]
    public Task RefreshOneProfile() => RefreshAsync([1]);

    [Benchmark(Description = "Refresh all five profiles: queued → all completed")]
    public Task RefreshAllProfiles() => RefreshAsync([.. SystemProfiles.Create().Select(p => p.Id)]);

    private Task RefreshAsync(IReadOnlyList<int> profileIds) => RefreshWaiter.RefreshAsync(_manager!, _events!, profileIds);
}
