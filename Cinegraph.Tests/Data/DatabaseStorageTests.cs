using Cinegraph.Core.Data;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cinegraph.Tests.Data;

/// <summary>
/// The database pulled from under the app: a SQLite file deleted or replaced, a server database turned read-only. The
/// open connections do not notice; <see cref="DatabaseStorage"/> must.
/// </summary>
public abstract class DatabaseStorageTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected DatabaseStorage Storage => new(Factory, NullLogger<DatabaseStorage>.Instance);

    [Fact]
    public async Task FindsNoProblemWithTheDatabaseItOpened()
    {
        var storage = Storage;
        await storage.InitializeAsync(Ct);

        (await storage.FindProblemAsync(Ct)).Should().BeNull();
        await storage.EnsureUsableAsync(Ct);
        DeleteMarker();
    }

    protected async Task SetReadOnlyAsync(bool readOnly)
    {
        var name = new NpgsqlConnectionStringBuilder(Database.ConnectionString).Database;
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using (var writable = new NpgsqlCommand("SET default_transaction_read_only = off", connection))
            {
                await writable.ExecuteNonQueryAsync(Ct);
            }

            await using var command = new NpgsqlCommand(
                $"ALTER DATABASE \"{name}\" {(readOnly ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only")}", connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        // The setting applies to new sessions, as after a failover to a read-only replica.
        NpgsqlConnection.ClearAllPools();
    }

    protected void DeleteSqliteFiles()
    {
        var path = new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    protected void DeleteMarker()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            File.Delete(new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource + DatabaseStorage.MarkerSuffix);
        }
    }
}

/// <summary>The SQLite file deleted, replaced or recreated empty under the app.</summary>
public sealed class DatabaseStorageTestsOnSqlite() : DatabaseStorageTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task ReportsADeletedSqliteFileWhileConnectionsToItAreOpen()
    {
        var storage = Storage;
        await storage.InitializeAsync(Ct);
        await using var pooled = await Factory.CreateDbContextAsync(Ct);
        await pooled.Database.OpenConnectionAsync(Ct);

        DeleteSqliteFiles();

        // What the connection opened before does with the unlinked file is SQLite's business (it may go on, or fail
        // with a disk I/O error); the storage check looks at the path.
        (await storage.FindProblemAsync(Ct)).Should().Be("The database file is gone.");
        await storage.Invoking(s => s.EnsureUsableAsync(Ct)).Should().ThrowAsync<DatabaseStorageException>();
        storage.Invoking(s => s.EnsureNotVanished()).Should().Throw<InvalidOperationException>()
            .WithMessage("*is gone*says it was initialised before*");
        File.Exists(storage.SqliteFile).Should().BeFalse("nothing creates a new, empty file");
        DeleteMarker();
    }

    [Fact]
    public async Task ReportsASqliteFileReplacedByAnotherDatabase()
    {
        var storage = Storage;
        await storage.InitializeAsync(Ct);
        var path = storage.SqliteFile!;
        var other = path + ".other";
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = other, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 7;";
            await command.ExecuteNonQueryAsync(Ct);
        }

        File.Move(other, path, overwrite: true);
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");

        (await storage.FindProblemAsync(Ct)).Should().Be(
            $"The database file was replaced (instance 7, opened as {await File.ReadAllTextAsync(path + DatabaseStorage.MarkerSuffix, Ct)}).");
        DeleteMarker();
    }

    [Fact]
    public async Task RefusesANewEmptyFileWhereAnInitialisedOneWas()
    {
        var storage = Storage;
        await storage.InitializeAsync(Ct);
        SqliteConnection.ClearAllPools();
        DeleteSqliteFiles();

        // What a connection opened after the deletion leaves, once the next start has migrated it.
        await new DatabaseInitializer(Factory).MigrateAsync(Ct);

        await storage.Invoking(s => s.InitializeAsync(Ct)).Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("*is new and empty*says an initialised database was there*");
        DeleteMarker();
    }

    [Fact]
    public async Task AnUninitialisedOrMissingFileWithoutMarkerMayBeCreated()
    {
        var storage = Storage;

        DeleteSqliteFiles();

        storage.Invoking(s => s.EnsureNotVanished()).Should().NotThrow();
    }

    [Fact]
    public async Task AppConnectionsDoNotMemoryMapTheSqliteFile()
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();

        command.CommandText = "PRAGMA mmap_size;";
        var mmap = Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "PRAGMA journal_mode;";
        var journal = (string?)await command.ExecuteScalarAsync(Ct);

        // Only the WAL index (-shm) is mapped, as SQLite always does in WAL mode: the README's limit.
        mmap.Should().Be(0);
        journal.Should().Be("wal");
    }
}

/// <summary>The PostgreSQL database turned read-only or dropped under the app.</summary>
public sealed class DatabaseStorageTestsOnPostgres() : DatabaseStorageTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task ReportsAServerDatabaseThatTurnedReadOnly()
    {
        var storage = Storage;
        (await storage.FindProblemAsync(Ct)).Should().BeNull();

        await SetReadOnlyAsync(true);
        try
        {
            (await storage.FindProblemAsync(Ct)).Should().Be("The database does not answer or does not take writes.");
            await storage.Invoking(s => s.EnsureUsableAsync(Ct)).Should().ThrowAsync<DatabaseStorageException>();
        }
        finally
        {
            await SetReadOnlyAsync(false);
        }

        (await storage.FindProblemAsync(Ct)).Should().BeNull();
    }

    [Fact]
    public async Task ReportsAServerDatabaseThatWasDropped()
    {
        var storage = Storage;
        var builder = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var name = builder.Database;
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        (await storage.FindProblemAsync(Ct)).Should().Be("The database does not answer or does not take writes.");
    }
}
