using System.Collections.Concurrent;
using System.Threading.Channels;
using Cinegraph.Core.Jobs;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// A job body the test controls: <see cref="Body"/> decides what each run does (wait on a gate, throw, report
/// progress); every run is counted and announced on <see cref="WaitStartedAsync"/>.
/// </summary>
internal sealed class TestJobHandler : IRefreshJobHandler
{
    private readonly Channel<RefreshJob> _started = Channel.CreateUnbounded<RefreshJob>();
    private readonly ConcurrentQueue<(long JobId, int Attempt)> _runs = new();

    /// <summary>What a run does; by default nothing (the job completes at once).</summary>
    public Func<RefreshJob, IJobProgress, CancellationToken, Task> Body { get; set; } = (_, _, _) => Task.CompletedTask;

    public int Calls => _runs.Count;

    /// <summary>Every run so far: job id and attempt, in start order.</summary>
    public IReadOnlyList<(long JobId, int Attempt)> Runs => [.. _runs];

    public async Task ExecuteAsync(RefreshJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        _runs.Enqueue((job.Id, job.Attempt));
        _started.Writer.TryWrite(job);
        await Body(job, progress, cancellationToken);
    }

    /// <summary>The next run that started (bounded wait).</summary>
    public async Task<RefreshJob> WaitStartedAsync() =>
        await _started.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Eventually.Timeout, TestContext.Current.CancellationToken);

    /// <summary>A gate: <c>await gate.Task</c> in a body, <c>gate.SetResult()</c> in the test.</summary>
    public static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal static class CancellationTokenExtensions
{
    /// <summary>Completes when the token fires (never throws).</summary>
    public static Task WhenCancelled(this CancellationToken token)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => fired.TrySetResult());
        return fired.Task;
    }
}
