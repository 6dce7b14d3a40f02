using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cinegraph.Core.Data;

// Used by `dotnet ef migrations add … --context <X>` only; the connection strings are placeholders, never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCinegraphDbContext>
{
    public SqliteCinegraphDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCinegraphDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCinegraphDbContext>
{
    public PostgresCinegraphDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCinegraphDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCinegraphDbContext>
{
    public SqlServerCinegraphDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCinegraphDbContext>().UseSqlServer("Server=localhost;Database=design").Options);
}
