using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Data;

/// <summary>
/// Creates one context per operation for the configured provider. Everything outside <c>Data/</c> sees only
/// <see cref="CinegraphDbContext"/>.
/// </summary>
public sealed class CinegraphDbContextFactory : IDbContextFactory<CinegraphDbContext>
{
    private readonly Func<CinegraphDbContext> _create;

    public CinegraphDbContextFactory(DatabaseProvider provider, string connectionString, Action<DbContextOptionsBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Provider = provider;
        _create = provider switch
        {
            DatabaseProvider.Sqlite => Build<SqliteCinegraphDbContext>(
                b => b.UseSqlite(connectionString), configure, o => new SqliteCinegraphDbContext(o)),
            DatabaseProvider.Postgres => Build<PostgresCinegraphDbContext>(
                b => b.UseNpgsql(connectionString), configure, o => new PostgresCinegraphDbContext(o)),
            DatabaseProvider.SqlServer => Build<SqlServerCinegraphDbContext>(
                b => b.UseSqlServer(connectionString), configure, o => new SqlServerCinegraphDbContext(o)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    public DatabaseProvider Provider { get; }

    public CinegraphDbContext CreateDbContext() => _create();

    /// <summary>The SQLite connection string for a file, with a shared cache off and foreign keys on.</summary>
    public static string SqliteFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true, Pooling = true }.ToString();

    private static Func<CinegraphDbContext> Build<TContext>(
        Action<DbContextOptionsBuilder<TContext>> useProvider,
        Action<DbContextOptionsBuilder>? configure,
        Func<DbContextOptions<TContext>, TContext> construct)
        where TContext : CinegraphDbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        useProvider(builder);
        configure?.Invoke(builder);
        var options = builder.Options;
        return () => construct(options);
    }
}
