namespace Cinegraph.Core.Events;

/// <summary>Something that happened to the prediction cache or a refresh job.</summary>
public abstract record PredictionEvent(long JobId, int ProfileId);

/// <summary>A refresh job was queued (or re-queued by a retry).</summary>
public sealed record RefreshQueued(long JobId, int ProfileId) : PredictionEvent(JobId, ProfileId);

/// <summary>A running job finished a step: <paramref name="Done"/> of <paramref name="Total"/>.</summary>
public sealed record RefreshProgress(long JobId, int ProfileId, int Done, int Total, string? Note) : PredictionEvent(JobId, ProfileId);

/// <summary>One decade's row was written; readers now get it.</summary>
public sealed record DecadeCached(long JobId, int ProfileId, int Decade, DateTimeOffset CalculatedAt) : PredictionEvent(JobId, ProfileId);

/// <summary>A job completed; every row it wrote is what readers now get.</summary>
public sealed record RefreshCompleted(long JobId, int ProfileId, DateTimeOffset CompletedAt) : PredictionEvent(JobId, ProfileId);

/// <summary>A job failed an attempt (<paramref name="State"/> retryable), ran out of attempts (discarded) or was cancelled.</summary>
public sealed record RefreshFailed(long JobId, int ProfileId, string State, string Error) : PredictionEvent(JobId, ProfileId);

/// <summary>
/// In-process publish/subscribe of <see cref="PredictionEvent"/>s (a singleton). Components, the SignalR hub and the
/// cache subscribe; the refresh worker publishes.
/// </summary>
public interface IPredictionEvents
{
    /// <summary>Adds a handler; dispose the result to remove it.</summary>
    IDisposable Subscribe(Func<PredictionEvent, Task> handler);

    /// <summary>
    /// Hands the event to every handler (a snapshot of them) through its own bounded queue and returns without waiting
    /// for any: a handler that throws or is slow does not slow the publisher nor the others, and publishing never throws.
    /// </summary>
    Task PublishAsync(PredictionEvent predictionEvent, CancellationToken cancellationToken = default);

    /// <summary>How many handlers are subscribed.</summary>
    int SubscriberCount { get; }
}
