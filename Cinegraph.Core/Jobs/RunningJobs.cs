using System.Collections.Concurrent;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The jobs this process is running, so a cancel reaches the running code at once. A cancel for a job running on
/// another node goes through <see cref="RefreshJob.CancelRequested"/>, which that node reads with its heartbeat.
/// </summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<long, Action> _cancels = new();

    /// <summary>Ids of the jobs running in this process.</summary>
    public IReadOnlyCollection<long> Ids => [.. _cancels.Keys];

    /// <summary>True while this process runs <paramref name="jobId"/> (also while a stopped attempt is still winding down).</summary>
    public bool IsRunning(long jobId) => _cancels.ContainsKey(jobId);

    /// <summary>Fires the running job's cancel; false when the job does not run in this process.</summary>
    public bool TryCancel(long jobId)
    {
        if (!_cancels.TryGetValue(jobId, out var cancel))
        {
            return false;
        }

        cancel();
        return true;
    }

    /// <summary>Registers a running job; dispose the result when it ends.</summary>
    internal IDisposable Register(long jobId, Action cancel)
    {
        if (!_cancels.TryAdd(jobId, cancel))
        {
            throw new InvalidOperationException($"Job {jobId} is already running in this process.");
        }

        return new Registration(this, jobId, cancel);
    }

    private sealed class Registration(RunningJobs owner, long jobId, Action cancel) : IDisposable
    {
        public void Dispose() => owner._cancels.TryRemove(new KeyValuePair<long, Action>(jobId, cancel));
    }
}
