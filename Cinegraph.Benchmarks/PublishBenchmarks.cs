using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Benchmarks;

/// <summary>
/// A refresh of one profile (queued → completed, the real worker on the real bundle) with <see cref="Pages"/> open,
/// subscribed, slow pages: each listens to the catalogue state as the predictions page does and, on every change,
/// waits 50 ms (a busy circuit) and then reads its page model. Goal: 50 pages ≤ 1.2× none, because publishing only
/// queues into each page's mailbox.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PublishBenchmarks
{
    private BenchmarkCatalogue? _catalogue;
    private RefreshManager? _manager;
    private IPredictionEvents? _events;
    private readonly List<IDisposable> _pages = [];

    [Params(0, 50)]
    public int Pages { get; set; }

    [GlobalSetup]
    public void StartApp()
    {
        _catalogue = BenchmarkCatalogue.Create(withWorker: true);
        _manager = _catalogue.Services.GetRequiredService<RefreshManager>();
        _events = _catalogue.Services.GetRequiredService<IPredictionEvents>();
        var query = _catalogue.Services.GetRequiredService<PredictionsPageQuery>();
        for (var i = 0; i < Pages; i++)
        {
            _pages.Add(query.Subscribe(async _ =>
            {
                await Task.Delay(50);
                await query.ReadAsync(2020, "balanced", 100, PageParts.All);
            }));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pages.ForEach(p => p.Dispose());
        _catalogue?.Dispose();
    }

    [Benchmark(Description = "Refresh Balanced with N slow open pages: queued → completed")]
    public async Task RefreshOneProfile()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long? jobId = null;
        var completed = new HashSet<long>();
        using var subscription = _events!.Subscribe(e =>
        {
            lock (completed)
            {
                if (e is RefreshCompleted finished)
                {
                    completed.Add(finished.JobId);
                }

                if (jobId is { } id && completed.Contains(id))
                {
                    done.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });

        var result = await _manager!.EnqueueAsync(1);
        lock (completed)
        {
            jobId = result.Job.Id;
            if (completed.Contains(result.Job.Id))
            {
                done.TrySetResult();
            }
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
    }
}
