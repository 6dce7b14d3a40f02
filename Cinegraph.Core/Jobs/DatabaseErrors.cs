using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Cinegraph.Core.Jobs;

/// <summary>Tells the database errors worth retrying from those that will fail again, on the three providers.</summary>
public static class DatabaseErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// True for an error that may pass if the same statement runs again: a timeout, a lost or refused connection, a
    /// busy/locked SQLite file, a deadlock or serialization failure; false for constraint violations, bad SQL and
    /// everything that is not a database error (cancellation included). EF Core's execution strategy wraps a transient
    /// error it does not retry itself in an <see cref="InvalidOperationException"/> ("likely due to a transient
    /// failure"), seen while PostgreSQL restarts: judged by the error it wraps.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        TimeoutException => true,
        DbUpdateConcurrencyException => false,
        DbUpdateException update => update.InnerException is { } inner && IsTransient(inner),
        RetryLimitExceededException { InnerException: { } inner } => IsTransient(inner),
        InvalidOperationException { InnerException: (DbException or TimeoutException) and var inner } => IsTransient(inner),
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        NpgsqlException npgsql => npgsql.IsTransient,
        SqlException sqlServer => sqlServer.IsTransient || sqlServer.Number is -2 or 1205,
        DbException other => other.IsTransient,
        _ => false,
    };

    /// <summary>True when <paramref name="exception"/> is (or wraps) a violation of a unique index or key.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };
}
