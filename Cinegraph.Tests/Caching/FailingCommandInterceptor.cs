using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cinegraph.Tests.Caching;

/// <summary>Makes every EF command fail while <see cref="FailEverything"/> is set, as if the database were down.</summary>
internal sealed class FailingCommandInterceptor : DbCommandInterceptor
{
    private int _failures;

    public bool FailEverything { get; set; }

    public int Failures => Volatile.Read(ref _failures);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (FailEverything)
        {
            Interlocked.Increment(ref _failures);
            throw new TimeoutException("The database is down (simulated).");
        }

        return ValueTask.FromResult(result);
    }
}
