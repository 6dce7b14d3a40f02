using System.Net.Sockets;
using Cinegraph.Core.Jobs;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Cinegraph.Tests.Jobs;

public sealed class DatabaseErrorsTests
{
    private static NpgsqlException RefusedConnection() =>
        new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    [Fact]
    public void ARefusedPostgresConnectionIsTransient() =>
        DatabaseErrors.IsTransient(RefusedConnection()).Should().BeTrue();

    [Fact]
    public void ARefusedConnectionWrappedByTheExecutionStrategyIsTransient()
    {
        // What EF Core's non-retrying Npgsql strategy throws while PostgreSQL restarts: the final write of a job must retry it.
        var wrapped = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", RefusedConnection());

        DatabaseErrors.IsTransient(wrapped).Should().BeTrue();
        DatabaseErrors.IsTransient(new RetryLimitExceededException("Retries exhausted.", RefusedConnection())).Should().BeTrue();
    }

    [Fact]
    public void AnInvalidOperationThatWrapsNoDatabaseErrorIsNotTransient()
    {
        DatabaseErrors.IsTransient(new InvalidOperationException("Sequence contains no elements")).Should().BeFalse();
        DatabaseErrors.IsTransient(new InvalidOperationException("A bug", new ArgumentException("bad"))).Should().BeFalse();
    }
}
