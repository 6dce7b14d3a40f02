using System.Threading.Channels;

namespace Cinegraph.Core.Events;

/// <summary>
/// One subscriber's hand-off: a bounded queue (the oldest item is dropped when it is full) drained by the subscriber's
/// own loop, so posting never waits for the handler. A handler that throws is reported and the loop goes on.
/// </summary>
public sealed class Mailbox<T> : IDisposable
{
    /// <summary>Items a slow subscriber may have waiting before the oldest is dropped.</summary>
    public const int Capacity = 256;

    private readonly Channel<T> _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly Func<T, Task> _handler;
    private readonly Action<T, Exception> _failed;

    public Mailbox(Func<T, Task> handler, Action<T, Exception> failed)
    {
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _failed = failed ?? throw new ArgumentNullException(nameof(failed));
        Drained = Task.Run(DrainAsync);
    }

    /// <summary>Completes when the mailbox was disposed and its loop ended.</summary>
    public Task Drained { get; }

    /// <summary>Queues an item for the handler; never blocks. False once disposed.</summary>
    public bool Post(T item) => _queue.Writer.TryWrite(item);

    public void Dispose() => _queue.Writer.TryComplete();

    private async Task DrainAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await _handler(item);
            }
#pragma warning disable CA1031 // One failing subscriber (a closed circuit, say) must not stop its own later items nor anyone else.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _failed(item, ex);
            }
        }
    }
}

/// <summary>A copy-on-write list of <see cref="Mailbox{T}"/>es: publish posts to each, subscribe adds one.</summary>
public sealed class Mailboxes<T>(Action<T, Exception> failed)
{
    private readonly Lock _gate = new();
    private Mailbox<T>[] _mailboxes = [];

    public int Count => Volatile.Read(ref _mailboxes).Length;

    public IDisposable Subscribe(Func<T, Task> handler)
    {
        var mailbox = new Mailbox<T>(handler, failed);
        lock (_gate)
        {
            _mailboxes = [.. _mailboxes, mailbox];
        }

        return new Subscription(this, mailbox);
    }

    /// <summary>Posts to every subscriber (a snapshot of them); returns at once.</summary>
    public void Publish(T item)
    {
        foreach (var mailbox in Volatile.Read(ref _mailboxes))
        {
            mailbox.Post(item);
        }
    }

    private void Remove(Mailbox<T> mailbox)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_mailboxes, mailbox);
            if (index >= 0)
            {
                _mailboxes = [.. _mailboxes[..index], .. _mailboxes[(index + 1)..]];
            }
        }

        mailbox.Dispose();
    }

    private sealed class Subscription(Mailboxes<T> owner, Mailbox<T> mailbox) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(mailbox);
            }
        }
    }
}
