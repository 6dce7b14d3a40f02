using Cinegraph.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cinegraph.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test, removed on dispose. SQLite: a temp file. PostgreSQL: a database
/// <c>cg_test_&lt;guid&gt;</c> on the server named by <c>CINEGRAPH_TEST_POSTGRES</c> (which <c>test.sh</c> sets to
/// its throwaway cluster); without that variable a PostgreSQL test is skipped, except under CI where it fails.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Npgsql connection string of a PostgreSQL server the tests may create and drop databases on.</summary>
    public const string PostgresVariable = "CINEGRAPH_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, Action<DbContextOptionsBuilder>? configure, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Factory = new CinegraphDbContextFactory(provider, connectionString, configure);
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Contexts on this database, built with the <c>configure</c> callback given at creation.</summary>
    public IDbContextFactory<CinegraphDbContext> Factory { get; }

    /// <summary>Creates and migrates a database; <paramref name="configure"/> is applied to the contexts of <see cref="Factory"/> (not to the migration).</summary>
    public static async Task<TestDatabase> CreateAsync(
        DatabaseProvider provider,
        Action<DbContextOptionsBuilder>? configure = null,
        string? postgresServer = null,
        CancellationToken cancellationToken = default)
    {
        var database = provider switch
        {
            DatabaseProvider.Sqlite => CreateSqlite(configure),
            DatabaseProvider.Postgres => await CreatePostgresAsync(postgresServer ?? RequirePostgresServer(), configure, cancellationToken),
            _ => throw new NotSupportedException($"No test database for {provider}: only SQLite and PostgreSQL run in tests."),
        };

        try
        {
            // The migration uses a factory without the test's interceptors, so counters start at zero.
            await new DatabaseInitializer(new CinegraphDbContextFactory(provider, database.ConnectionString)).MigrateAsync(cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return database;
    }

    /// <summary>The server from <c>CINEGRAPH_TEST_POSTGRES</c>; skips the current test when it is not set (fails under CI).</summary>
    public static string RequirePostgresServer()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{PostgresVariable} is not set under CI: run the tests through ./test.sh.");
        }

        Assert.Skip($"PostgreSQL test skipped: {PostgresVariable} is not set. ./test.sh starts a throwaway server and sets it.");
        return server!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            using (var connection = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }

        if (_postgresAdmin is not null && _postgresName is not null)
        {
            using (var connection = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static TestDatabase CreateSqlite(Action<DbContextOptionsBuilder>? configure)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cg_test_{Guid.NewGuid():N}.db");
        return new TestDatabase(DatabaseProvider.Sqlite, CinegraphDbContextFactory.SqliteFile(file), configure, file, null, null);
    }

    private static async Task<TestDatabase> CreatePostgresAsync(string server, Action<DbContextOptionsBuilder>? configure, CancellationToken cancellationToken)
    {
        var name = $"cg_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(DatabaseProvider.Postgres, connectionString, configure, null, server, name);
    }
}
