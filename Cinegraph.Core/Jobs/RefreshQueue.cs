using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The in-memory wake-up of the worker: a bounded channel of job ids. It holds no state of its own; losing an id
/// (full channel, restart) only delays a job until the worker's next poll of the <c>refresh_jobs</c> table.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the design names it so.")]
public sealed class RefreshQueue
{
    private readonly Channel<long> _channel;

    // Ids written and not read yet, so the poller does not fill the channel with one id over and over.
    private readonly ConcurrentDictionary<long, byte> _pending = new();

    public RefreshQueue(IOptions<JobOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = Channel.CreateBounded<long>(new BoundedChannelOptions(options.Value.ChannelCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
    }

    /// <summary>Ids waiting in the channel.</summary>
    public int Count => _pending.Count;

    /// <summary>Wakes a worker for <paramref name="jobId"/>; false when the id is already waiting or the channel is full.</summary>
    public bool TryEnqueue(long jobId)
    {
        if (!_pending.TryAdd(jobId, 0))
        {
            return false;
        }

        if (_channel.Writer.TryWrite(jobId))
        {
            return true;
        }

        _pending.TryRemove(jobId, out _);
        return false;
    }

    /// <summary>The next job id; waits until there is one.</summary>
    public async ValueTask<long> DequeueAsync(CancellationToken cancellationToken)
    {
        var jobId = await _channel.Reader.ReadAsync(cancellationToken);
        _pending.TryRemove(jobId, out _);
        return jobId;
    }
}
