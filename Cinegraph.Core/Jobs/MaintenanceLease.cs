using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Who runs the rescuer and the pruner when several nodes share a database: on PostgreSQL, the node holding a
/// session-level advisory lock on a dedicated (unpooled) connection. The lock ends with that session, so when the holder
/// dies (or its connection is killed) the lock is free and another node takes it at its next poll. The holder checks
/// its connection at every poll and gives the lease up when it is gone. On SQLite and SQL Server a single node is
/// assumed and the lease is always held.
/// </summary>
public sealed class MaintenanceLease(IDbContextFactory<CinegraphDbContext> dbFactory, IOptions<JobOptions> options, ILogger<MaintenanceLease> logger)
    : IAsyncDisposable
{
    /// <summary>
    /// The advisory lock's first key ("cine" in ASCII), the same on every node; the second is the database name's
    /// hash, so apps on other databases of the same server do not share the lease.
    /// </summary>
    public const int LockKey = 0x63696E65;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;
    private bool? _postgres;

    /// <summary>The lease connection's application name (<c>pg_stat_activity</c>): <c>cinegraph-lease</c> and the node.</summary>
    public string ApplicationName => $"cinegraph-lease {options.Value.Node}";

    /// <summary>True while this node holds the lease (as of the last <see cref="TryHoldAsync"/>).</summary>
    public bool IsHeld { get; private set; }

    /// <summary>Keeps the lease if held and its session is alive, or tries to take it; returns whether this node holds it.</summary>
    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IsHeld = await HoldAsync(cancellationToken);
            return IsHeld;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives the lease up (ends its session), so another node can take it at once.</summary>
    public async Task ReleaseAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await DropAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _gate.Dispose();
    }

    private async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        if (_postgres is null || (_postgres == true && _connection is null))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            _postgres = db.Database.IsNpgsql();
            if (_postgres == false)
            {
                return true;
            }

            return await TakeAsync(db.Database.GetConnectionString()!, cancellationToken);
        }

        if (_postgres == false)
        {
            return true;
        }

        try
        {
            await using var check = new NpgsqlCommand("SELECT 1", _connection);
            await check.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException ex)
        {
            JobsLog.LeaseLost(logger, ex);
            await DropAsync();
            return false;
        }
    }

    private async Task<bool> TakeAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Unpooled: closing the connection must end the session, or a pooled session would keep the lock.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key, hashtext(current_database()))", connection);
            take.Parameters.AddWithValue("key", LockKey);
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                _connection = connection;
                JobsLog.LeaseTaken(logger);
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    private async Task DropAsync()
    {
        IsHeld = false;
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }
}
