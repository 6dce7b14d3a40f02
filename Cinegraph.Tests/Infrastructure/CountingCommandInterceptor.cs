using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cinegraph.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends (queries, non-queries and scalars, sync and async) and keeps their text.
/// Pass it to a context factory: <c>TestDatabase.CreateAsync(provider, b =&gt; b.AddInterceptors(counter))</c>, or
/// override <see cref="DatabaseTests.ConfigureContext"/>. The database's migration does not go through it.
/// </summary>
public sealed class CountingCommandInterceptor : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();
    private int _count;

    /// <summary>Commands executed since creation or the last <see cref="Reset"/>.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The text of those commands, in the order they were sent.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    /// <summary>Commands whose text contains <paramref name="fragment"/> (ordinal, case-insensitive).</summary>
    public int CountContaining(string fragment) =>
        _commands.Count(c => c.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    public void Reset()
    {
        _commands.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        _commands.Enqueue(command.CommandText);
        Interlocked.Increment(ref _count);
    }
}
