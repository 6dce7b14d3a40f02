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
}
