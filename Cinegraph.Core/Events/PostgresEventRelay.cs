using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cinegraph.Core.Events;

/// <summary>
/// Carries <see cref="PredictionEvent"/>s between nodes on one PostgreSQL database (idle on other providers). Every
/// event published here is sent, in order, with <c>pg_notify</c> on <see cref="Channel"/>; one dedicated connection
/// LISTENs, and every event from another node first drops the L1 entries it makes stale, then is published here, so
/// local subscribers (pages, the hub) react as if it had happened on this node. When the listening connection is lost
/// it reconnects with backoff (<see cref="MinReconnectDelay"/> doubling to <see cref="MaxReconnectDelay"/>) and, having
/// possibly missed notifications, re-reads the ledger: it drops all of L1 and republishes what jobs did meanwhile.
/// </summary>
public sealed class PostgresEventRelay(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    IPredictionEvents events,
    PredictionsCache cache,
    TimeProvider timeProvider,
    IOptions<JobOptions> jobOptions,
    ILogger<PostgresEventRelay> logger) : BackgroundService
{
    public const string Channel = "cinegraph_events";

    public static readonly TimeSpan MinReconnectDelay = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    /// <summary>How far before the loss of the connection the resync looks, for notifications already in flight.</summary>
    public static readonly TimeSpan ResyncMargin = TimeSpan.FromMinutes(1);

    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly ConditionalWeakTable<PredictionEvent, object> _received = [];
    private readonly Channel<PredictionEvent> _outbox = System.Threading.Channels.Channel.CreateUnbounded<PredictionEvent>(new() { SingleReader = true });
    private readonly Channel<string> _inbox = System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private string? _connectionString;
    private int _connections;

    /// <summary>True while the listening connection is open and LISTENing.</summary>
    public bool IsListening { get; private set; }

    /// <summary>How many times the listening connection was opened (1 after the start, more after reconnects).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The listening connection's application name (<c>pg_stat_activity</c>).</summary>
    public string ApplicationName => $"cinegraph-listen {jobOptions.Value.Node}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            if (!db.Database.IsNpgsql())
            {
                return;
            }

            _connectionString = db.Database.GetConnectionString();
        }

        using var subscription = events.Subscribe(Forward);
        await Task.WhenAll(SendAsync(stoppingToken), ReceiveAsync(stoppingToken), ListenAsync(stoppingToken));
    }

    /// <summary>Whether <paramref name="predictionEvent"/> came from another node (published here by this relay).</summary>
    public bool IsRelayed(PredictionEvent predictionEvent) => _received.TryGetValue(predictionEvent, out _);

    /// <summary>Republishes what happened to jobs since <paramref name="since"/> and drops all of L1 (notifications may have been missed).</summary>
    internal async Task ResyncAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await cache.InvalidateAllAsync(cancellationToken);
        List<RefreshJob> jobs;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            jobs = await db.RefreshJobs.AsNoTracking()
                .Where(j => j.CompletedAt >= since || j.CancelledAt >= since || j.DiscardedAt >= since || j.InsertedAt >= since)
                .OrderBy(j => j.Id)
                .ToListAsync(cancellationToken);
        }

        foreach (var job in jobs)
        {
            PredictionEvent missed = job switch
            {
                { State: JobStates.Completed, CompletedAt: { } at } => new RefreshCompleted(job.Id, job.ProfileId, at),
                _ when JobStates.IsFinished(job.State) => new RefreshFailed(job.Id, job.ProfileId, job.State, (job.Errors.Count > 0 ? job.Errors[^1].Message : job.ProgressNote ?? "")),
                _ => new RefreshQueued(job.Id, job.ProfileId),
            };
            await RepublishAsync(missed, cancellationToken);
        }

        EventsLog.Resynced(logger, jobs.Count, since);
    }

    private Task Forward(PredictionEvent predictionEvent)
    {
        // An event that came from another node is not sent back.
        if (!_received.TryGetValue(predictionEvent, out _))
        {
            _outbox.Writer.TryWrite(predictionEvent);
        }

        return Task.CompletedTask;
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var predictionEvent in _outbox.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new NpgsqlConnection(_connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    notify.Parameters.AddWithValue("channel", Channel);
                    notify.Parameters.AddWithValue("payload", RelayedEvent.From(_origin, predictionEvent).Serialize());
                    await notify.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (NpgsqlException ex)
                {
                    // The other nodes' periodic checks and their resync after their own reconnects bound what is lost.
                    EventsLog.NotifyFailed(logger, predictionEvent.GetType().Name, predictionEvent.JobId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false, ApplicationName = ApplicationName, KeepAlive = 30 };
        var delay = MinReconnectDelay;
        DateTimeOffset? lostAt = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => _inbox.Writer.TryWrite(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                IsListening = true;
                Interlocked.Increment(ref _connections);
                EventsLog.Listening(logger, Channel);
                if (lostAt is { } lost)
                {
                    await ResyncAsync(lost - ResyncMargin, stoppingToken);
                    lostAt = null;
                }

                delay = MinReconnectDelay;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                IsListening = false;
                lostAt ??= timeProvider.GetUtcNow();
                EventsLog.ListenLost(logger, delay, ex);
            }

            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
        }
    }

    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in _inbox.Reader.ReadAllAsync(stoppingToken))
            {
                var relayed = RelayedEvent.Parse(payload);
                if (relayed is null || relayed.Origin == _origin)
                {
                    continue;
                }

                if (relayed.ToEvent() is { } predictionEvent)
                {
                    await RepublishAsync(predictionEvent, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task RepublishAsync(PredictionEvent predictionEvent, CancellationToken cancellationToken)
    {
        switch (predictionEvent)
        {
            case DecadeCached cached:
                await cache.RowWrittenAsync(CacheKeys.Predictions(cached.Decade, cached.ProfileId), cached.CalculatedAt, cancellationToken);
                break;
            case RefreshCompleted completed:
                await cache.InvalidateProfileAsync(completed.ProfileId, cancellationToken);
                break;
        }

        _received.AddOrUpdate(predictionEvent, _origin);
        await events.PublishAsync(predictionEvent, cancellationToken);
    }
}
