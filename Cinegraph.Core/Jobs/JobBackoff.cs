namespace Cinegraph.Core.Jobs;

/// <summary>
/// When a failed job runs again: <c>RetryBackoff × 2^(attempt−1)</c>, ±10 % jitter, at most one hour. With the default
/// 15 s: about 15 s after the first attempt, 30 s after the second. Each band lies wholly above the previous one, so
/// the delays grow even with jitter.
/// </summary>
public static class JobBackoff
{
    /// <summary>Share of the delay added or taken away at random.</summary>
    public const double Jitter = 0.1;

    /// <summary>The longest delay, however many attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <summary>The delay before the next attempt, with no jitter.</summary>
    public static TimeSpan Nominal(TimeSpan retryBackoff, int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        var ticks = Math.Min(retryBackoff.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The jittered delay before the next attempt; <paramref name="unit"/> is a random number in [0, 1).</summary>
    public static TimeSpan Delay(TimeSpan retryBackoff, int failedAttempt, double unit)
    {
        var nominal = Nominal(retryBackoff, failedAttempt);
        return TimeSpan.FromTicks((long)(nominal.Ticks * (1 - Jitter + (2 * Jitter * unit))));
    }
}
