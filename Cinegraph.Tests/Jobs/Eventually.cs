using System.Diagnostics;

namespace Cinegraph.Tests.Jobs;

/// <summary>Bounded waits for a condition (no fixed sleeps whose length the assertion depends on).</summary>
internal static class Eventually
{
    /// <summary>
    /// Longest wait for anything: a safety net, never the thing a test measures (every wait returns as soon as its
    /// condition holds). Two minutes, because on a shared 2-core machine under a load average of 24 a child process
    /// took 27 s to start and claim a job, and a 30 s net failed a healthy hard-kill run.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Reads <paramref name="probe"/> until <paramref name="done"/> holds and returns that value; runs
    /// <paramref name="eachRound"/> (e.g. advance a fake clock) between reads. Throws after <see cref="Timeout"/>.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, Action? eachRound = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (watch.Elapsed > Timeout)
            {
                throw new TimeoutException($"Waited {Timeout.TotalSeconds} s for {what}; last seen: {Describe(value)}");
            }

            eachRound?.Invoke();
            await Task.Delay(Pause, ct);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, Action? eachRound = null) =>
        UntilAsync(() => Task.FromResult(condition()), c => c, what, eachRound);

    private static string Describe<T>(T value) => value switch
    {
        Cinegraph.Core.Jobs.RefreshJob job => JobRows.Describe(job),
        null => "null",
        _ => value.ToString() ?? "",
    };
}
