using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Data;

/// <summary>
/// Whether the database the app opened is still there and writable. A SQLite file deleted or replaced under a running
/// app goes unnoticed by its open connections (they read and write the unlinked file), so this looks at the path:
/// the file exists, is the same instance (a random id kept in the file's <c>user_version</c> and in a marker file
/// beside it, <c>&lt;file&gt;.instance</c>) and can be opened for writing. A server database must accept a write
/// (tried in a transaction that is rolled back). The marker also lets the start refuse to build a new, empty catalogue
/// where an initialised database file vanished.
/// </summary>
public sealed class DatabaseStorage(IDbContextFactory<CinegraphDbContext> dbFactory, ILogger<DatabaseStorage> logger)
{
    /// <summary>Suffix of the marker file written beside a SQLite database once it is initialised.</summary>
    public const string MarkerSuffix = ".instance";

    private int _instanceId;

    /// <summary>The SQLite file's full path, or null for a server database or an in-memory SQLite.</summary>
    public string? SqliteFile
    {
        get
        {
            using var db = dbFactory.CreateDbContext();
            if (!db.Database.IsSqlite())
            {
                return null;
            }

            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
                ? null
                : Path.GetFullPath(builder.DataSource);
        }
    }

    /// <summary>
    /// Before the database is created or migrated: throws when the SQLite file is missing although its marker says
    /// it was initialised (a lost volume or a deleted file must not silently become a new demo catalogue).
    /// </summary>
    /// <exception cref="InvalidOperationException">The initialised database file is gone.</exception>
    public void EnsureNotVanished()
    {
        if (SqliteFile is { } path && !File.Exists(path) && File.Exists(path + MarkerSuffix))
        {
            throw new InvalidOperationException(
                $"The SQLite database {path} is gone, but {path + MarkerSuffix} says it was initialised before. Restore the file, " +
                $"or delete {path + MarkerSuffix} to start with a new database.");
        }
    }

    /// <summary>After the migrations: gives the SQLite file its instance id (once) and writes the marker beside it.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (SqliteFile is not { } path)
        {
            return;
        }

        await using var connection = OpenDirect(path);
        var id = await ReadInstanceIdAsync(connection, cancellationToken);
        var marker = path + MarkerSuffix;
        if (id == 0)
        {
            // A new, empty file where an initialised one was (recreated by a connection after the old one was deleted):
            // as a vanished file, it must not become a new demo catalogue. One filled by an import is taken as new.
            if (File.Exists(marker) && !await HasFilmsAsync(cancellationToken))
            {
                throw new InvalidOperationException(
                    $"The SQLite database {path} is new and empty, but {marker} says an initialised database was there. Restore the " +
                    $"file, or delete {marker} to start with a new database.");
            }

            id = NewInstanceId();
            await using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {id};");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (File.Exists(marker) && int.TryParse(await File.ReadAllTextAsync(marker, cancellationToken), NumberStyles.Integer, CultureInfo.InvariantCulture, out var recorded) && recorded != id)
        {
            StorageLog.InstanceReplaced(logger, path, id, recorded, marker);
        }

        await File.WriteAllTextAsync(marker, id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        Volatile.Write(ref _instanceId, id);
        StorageLog.InstanceKnown(logger, path, id);
    }

    /// <summary>
    /// Null when the database is the one opened and takes writes; else what is wrong, in a sentence without paths
    /// (it is shown by <c>/health/ready</c>); the details go to the log.
    /// </summary>
    public async Task<string?> FindProblemAsync(CancellationToken cancellationToken = default)
    {
        var path = SqliteFile;
        try
        {
            var problem = path is not null ? await FindSqliteProblemAsync(path, cancellationToken) : await FindServerProblemAsync(cancellationToken);
            if (problem is not null)
            {
                StorageLog.StorageLost(logger, path ?? "server database", problem, null);
            }

            return problem;
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException)
        {
            StorageLog.StorageLost(logger, path ?? "server database", "does not take writes", ex);
            return "The database does not answer or does not take writes.";
        }
    }

    /// <summary>Throws <see cref="DatabaseStorageException"/> when <see cref="FindProblemAsync"/> finds a problem.</summary>
    public async Task EnsureUsableAsync(CancellationToken cancellationToken = default)
    {
        if (await FindProblemAsync(cancellationToken) is { } problem)
        {
            throw new DatabaseStorageException(problem);
        }
    }

    private async Task<bool> HasFilmsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Movies.AnyAsync(cancellationToken);
    }

    private async Task<string?> FindSqliteProblemAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return "The database file is gone.";
        }

        var expected = Volatile.Read(ref _instanceId);
        if (expected != 0)
        {
            await using var connection = OpenDirect(path);
            var id = await ReadInstanceIdAsync(connection, cancellationToken);
            if (id != expected)
            {
                return string.Create(CultureInfo.InvariantCulture, $"The database file was replaced (instance {id}, opened as {expected}).");
            }
        }

        // Never by opening the database file itself: closing any descriptor of it drops this process's SQLite locks.
        if (File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly))
        {
            return "The database file is read-only.";
        }

        // SQLite writes its journal and WAL files beside the database: the folder must take a new file.
        var probe = path + ".probe";
        await File.WriteAllBytesAsync(probe, [], cancellationToken);
        File.Delete(probe);
        return null;
    }

    private async Task<string?> FindServerProblemAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = await db.Profiles.OrderBy(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);

        // Rejected by a read-only database or session, or a revoked privilege; rolled back either way.
        await db.Profiles.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, p => p.Name), cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        return null;
    }

    // A connection of its own (never from the pool, which may hold the unlinked file), that never creates the file.
    private static SqliteConnection OpenDirect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<int> ReadInstanceIdAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

#pragma warning disable CA5394 // An instance id tells files apart; it needs no cryptographic randomness.
    private static int NewInstanceId() => Random.Shared.Next(1, int.MaxValue);
#pragma warning restore CA5394
}

/// <summary>The database the app opened is gone, replaced or read-only; work that needs it fails (retryable).</summary>
public sealed class DatabaseStorageException : Exception
{
    public DatabaseStorageException()
        : base("The database is not usable.")
    {
    }

    public DatabaseStorageException(string message)
        : base(message)
    {
    }

    public DatabaseStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
