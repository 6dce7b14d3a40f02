using System.Globalization;

namespace Cinegraph.Core.Jobs;

/// <summary>One moment in a job's life: when, what (<see cref="JobTimeline"/>'s kinds), of which attempt, and a line saying it.</summary>
public sealed record JobTimelineEntry(DateTimeOffset At, string Kind, int? Attempt, string Text);

/// <summary>
/// A job's state timeline from its row: queued, each attempt's start (and node) and end, each failure with its short
/// message, the backoff before each retry, and how it finished (completed, cancelled, discarded), oldest first.
/// Error messages are an administrator's view; visitors get none of this.
/// </summary>
public static class JobTimeline
{
    public const string Queued = "queued";
    public const string Started = "started";
    public const string Failed = "failed";
    public const string Retry = "retry";
    public const string Ended = "ended";

    public static IReadOnlyList<JobTimelineEntry> Build(RefreshJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var entries = new List<JobTimelineEntry> { new(job.InsertedAt, Queued, null, "Queued") };
        var attempts = job.Attempts.OrderBy(a => a.StartedAt).ToList();
        foreach (var attempt in attempts)
        {
            var node = attempt.Node.Length == 0 ? "" : $" on {attempt.Node}";
            entries.Add(new(attempt.StartedAt, Started, attempt.Number, $"Attempt {attempt.Number} started{node}"));
            if (attempt is { Outcome: AttemptRecorder.PutBack })
            {
                entries.Add(new(attempt.StartedAt, Ended, attempt.Number, $"Attempt {attempt.Number} was put back at shutdown (not counted)"));
            }
        }

        foreach (var error in job.Errors)
        {
            entries.Add(new(error.At, Failed, error.Attempt, $"Attempt {error.Attempt} failed: {error.Message}"));
            var next = attempts.FirstOrDefault(a => a.Number == error.Attempt + 1 && a.StartedAt >= error.At);
            if (next is not null)
            {
                entries.Add(new(next.StartedAt, Retry, next.Number, $"Retried after {Seconds(next.StartedAt - error.At)}"));
            }
            else if (job.State == JobStates.Retryable && error.Attempt == job.Attempt)
            {
                entries.Add(new(error.At, Retry, error.Attempt + 1,
                    $"Retry {error.Attempt + 1} of {job.MaxAttempts} scheduled for {job.ScheduledAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC (backoff {Seconds(job.ScheduledAt - error.At)})"));
            }
        }

        if (job.CompletedAt is { } completed)
        {
            entries.Add(new(completed, JobStates.Completed, job.Attempt, "Completed"));
        }

        if (job.CancelledAt is { } cancelled)
        {
            entries.Add(new(cancelled, JobStates.Cancelled, job.Attempt == 0 ? null : job.Attempt, job.Attempt == 0 ? "Cancelled before it ran" : "Cancelled"));
        }

        if (job.DiscardedAt is { } discarded)
        {
            entries.Add(new(discarded, JobStates.Discarded, job.Attempt, $"Discarded after {job.Attempt} of {job.MaxAttempts} attempts"));
        }

        return [.. entries.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e)];
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalSeconds):0.#} s");
}
