using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;

namespace Cinegraph.Benchmarks;

/// <summary>Queues refreshes through the manager, as the app does, and waits until every one has completed (or one failed).</summary>
internal static class RefreshWaiter
{
    public static async Task RefreshAsync(RefreshManager manager, IPredictionEvents events, IReadOnlyList<int> profileIds)
    {
        var queued = new HashSet<long>();
        var completed = new HashSet<long>();
        var allQueued = false;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void CheckDone()
        {
            if (allQueued && queued.IsSubsetOf(completed))
            {
                done.TrySetResult();
            }
        }

        using var subscription = events.Subscribe(e =>
        {
            lock (queued)
            {
                if (e is RefreshFailed failed)
                {
                    done.TrySetException(new InvalidOperationException($"Job {failed.JobId} failed: {failed.Error}"));
                }
                else if (e is RefreshCompleted finished)
                {
                    completed.Add(finished.JobId);
                    CheckDone();
                }
            }

            return Task.CompletedTask;
        });

        foreach (var profileId in profileIds)
        {
            var result = await manager.EnqueueAsync(profileId);
            lock (queued)
            {
                queued.Add(result.Job.Id);
            }
        }

        lock (queued)
        {
            allQueued = true;
            CheckDone();
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
    }
}
