using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Events;

/// <summary>The single-node <see cref="IPredictionEvents"/>: handlers in a copy-on-write list.</summary>
public sealed class InProcessPredictionEvents(ILogger<InProcessPredictionEvents> logger) : IPredictionEvents
{
    /// <summary>A handler that takes longer than this is left to finish on its own.</summary>
    public static readonly TimeSpan HandlerTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Func<PredictionEvent, Task>[] _handlers = [];

    public int SubscriberCount => Volatile.Read(ref _handlers).Length;

    public IDisposable Subscribe(Func<PredictionEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    public async Task PublishAsync(PredictionEvent predictionEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictionEvent);
        var handlers = Volatile.Read(ref _handlers);
        await Task.WhenAll(handlers.Select(h => InvokeAsync(h, predictionEvent, cancellationToken)));
    }

    private async Task InvokeAsync(Func<PredictionEvent, Task> handler, PredictionEvent predictionEvent, CancellationToken cancellationToken)
    {
        try
        {
            await handler(predictionEvent).WaitAsync(HandlerTimeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The publisher is shutting down; the handler goes on by itself.
        }
#pragma warning disable CA1031 // One failing subscriber (a closed circuit, say) must not stop the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EventsLog.HandlerFailed(logger, predictionEvent.GetType().Name, predictionEvent.JobId, ex);
        }
    }

    private void Unsubscribe(Func<PredictionEvent, Task> handler)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_handlers, handler);
            if (index >= 0)
            {
                _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(InProcessPredictionEvents owner, Func<PredictionEvent, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(handler);
            }
        }
    }
}

internal static partial class EventsLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "A handler of {EventName} for job {JobId} failed or timed out")]
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
