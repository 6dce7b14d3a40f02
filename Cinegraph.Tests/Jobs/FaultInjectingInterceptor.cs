using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// Makes the database "go away" for chosen commands: the next <c>N</c> commands that match a predicate fail with a
/// transient <see cref="DbException"/> before reaching the server, as a dropped connection would.
/// </summary>
internal sealed class FaultInjectingInterceptor : DbCommandInterceptor
{
    private readonly Lock _gate = new();
    private Func<DbCommand, bool> _matches = _ => false;
    private int _remaining;
    private int _injected;

    /// <summary>Failures injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Fails the next <paramref name="count"/> commands for which <paramref name="matches"/> holds.</summary>
    public void FailNext(int count, Func<DbCommand, bool> matches)
    {
        lock (_gate)
        {
            _matches = matches;
            _remaining = count;
        }
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        MaybeFail(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        MaybeFail(command);
        return ValueTask.FromResult(result);
    }

    private void MaybeFail(DbCommand command)
    {
        lock (_gate)
        {
            if (_remaining == 0 || !_matches(command))
            {
                return;
            }

            _remaining--;
            _injected++;
        }

        throw new DatabaseUnavailableException();
    }
}

/// <summary>What a provider throws when the server is unreachable: a transient database error.</summary>
internal sealed class DatabaseUnavailableException : DbException
{
    public DatabaseUnavailableException()
        : base("Injected fault: the database is unavailable.")
    {
    }

    public override bool IsTransient => true;
}
