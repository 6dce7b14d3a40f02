using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Infrastructure;

/// <summary>
/// Base of every test class that needs a real database. Each test gets a fresh, migrated database of the
/// provider the concrete class names, and the database is removed after the test.
/// <para>
/// To add database tests: write an <c>abstract</c> class deriving from this one whose constructor takes the provider,
/// put the <c>[Fact]</c>/<c>[Theory]</c> methods there (use <see cref="Factory"/> for contexts, <see cref="Database"/>
/// for the connection string), then add one tiny sealed subclass per provider, next to it:
/// </para>
/// <code>
/// public abstract class ProfileStoreTests(DatabaseProvider provider) : DatabaseTests(provider)
/// {
///     [Fact]
///     public async Task KeepsOneDefault() { await using var db = await Factory.CreateDbContextAsync(); … }
/// }
///
/// public sealed class ProfileStoreTestsOnSqlite() : ProfileStoreTests(DatabaseProvider.Sqlite);
///
/// public sealed class ProfileStoreTestsOnPostgres() : ProfileStoreTests(DatabaseProvider.Postgres);
/// </code>
/// <para>
/// The PostgreSQL variant runs on the server in <c>CINEGRAPH_TEST_POSTGRES</c>, which <c>./test.sh</c> always starts
/// and sets; under a plain <c>dotnet test</c> without it, those tests are reported as skipped. To watch the SQL a
/// test sends, override <see cref="ConfigureContext"/> to add a <see cref="CountingCommandInterceptor"/>.
/// </para>
/// </summary>
public abstract class DatabaseTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    protected DatabaseProvider Provider { get; } = provider;

    /// <summary>This test's database; created before the test runs.</summary>
    protected TestDatabase Database => _database ?? throw new InvalidOperationException("The test database is created in InitializeAsync.");

    protected IDbContextFactory<CinegraphDbContext> Factory => Database.Factory;

    /// <summary>Applied to every context of <see cref="Factory"/>, e.g. <c>b =&gt; b.AddInterceptors(counter)</c>.</summary>
    protected virtual void ConfigureContext(DbContextOptionsBuilder builder)
    {
    }

    public async ValueTask InitializeAsync() =>
        _database = await TestDatabase.CreateAsync(Provider, ConfigureContext, cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }

        GC.SuppressFinalize(this);
    }
}
