using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Events;

/// <summary>
/// The single-node <see cref="IPredictionEvents"/>: every subscriber has its own bounded mailbox drained by its own
/// loop, so publishing only queues and never waits for a handler (a slow or failing page never slows a job).
/// </summary>
public sealed class InProcessPredictionEvents : IPredictionEvents
{
    private readonly Mailboxes<PredictionEvent> _subscribers;

    public InProcessPredictionEvents(ILogger<InProcessPredictionEvents> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _subscribers = new Mailboxes<PredictionEvent>((e, ex) => EventsLog.HandlerFailed(logger, e.GetType().Name, e.JobId, ex));
    }

    public int SubscriberCount => _subscribers.Count;

    public IDisposable Subscribe(Func<PredictionEvent, Task> handler) => _subscribers.Subscribe(handler);

    public Task PublishAsync(PredictionEvent predictionEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictionEvent);
        _subscribers.Publish(predictionEvent);
        return Task.CompletedTask;
    }
}

internal static partial class EventsLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "A handler of {EventName} for job {JobId} failed")]
    public static partial void HandlerFailed(ILogger logger, string eventName, long jobId, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Listening for other nodes' events on PostgreSQL channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Lost the PostgreSQL connection that listens for other nodes' events; reconnecting in {Delay}")]
    public static partial void ListenLost(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Could not send {EventName} for job {JobId} to the other nodes")]
    public static partial void NotifyFailed(ILogger logger, string eventName, long jobId, Exception exception);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Resynced after a reconnect: republished {Count} jobs changed since {Since}")]
    public static partial void Resynced(ILogger logger, int count, DateTimeOffset since);
}
