using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Data;

/// <summary>Applies pending migrations of the configured provider.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<CinegraphDbContext> dbFactory)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets page reads go on while the refresh job writes.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
