using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cinegraph.Tests.Data;

/// <summary>Checks on the migrations themselves; no database is opened.</summary>
public sealed class MigrationsTests
{
    private static readonly string[] Tables =
        ["movies", "award_nominations", "canonical_lists", "list_memberships", "oscar_credits", "metric_weight_profiles", "data_imports"];

    public static TheoryData<DatabaseProvider> AllProviders => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(AllProviders))]
    public void ModelHasNoChangesMissingFromTheMigrations(DatabaseProvider provider)
    {
        using var db = Context(provider);

        db.Database.HasPendingModelChanges().Should().BeFalse(
            because: $"every model change needs a migration for {provider}: run scripts/add-migration.sh <Name>");
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public void EachProviderSeesOnlyItsOwnMigrations(DatabaseProvider provider)
    {
        using var db = Context(provider);
        var migrationsAssembly = db.GetService<IMigrationsAssembly>();

        migrationsAssembly.Migrations.Should().NotBeEmpty();
        migrationsAssembly.Migrations.Keys.Should().Contain(id => id.EndsWith("_InitialCatalog", StringComparison.Ordinal));
        migrationsAssembly.Migrations.Values.Should().OnlyContain(
            type => type.Namespace == $"Cinegraph.Core.Data.Migrations.{provider}",
            because: "each provider keeps its migrations in its own folder and namespace");
        migrationsAssembly.ModelSnapshot.Should().NotBeNull();
        migrationsAssembly.ModelSnapshot!.GetType().Namespace.Should().Be($"Cinegraph.Core.Data.Migrations.{provider}");
    }

    [Fact]
    public void SqlServerMigrationsProduceAnIdempotentScriptThatCreatesTheTables()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var migrator = db.GetService<IMigrator>();

        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var migrationIds = db.Database.GetMigrations().ToList();
        migrationIds.Should().NotBeEmpty();
        foreach (var id in migrationIds)
        {
            script.Should().Contain($"WHERE [MigrationId] = N'{id}'", because: $"migration {id} must be guarded so the script can run twice");
        }

        foreach (var table in Tables)
        {
            script.Should().Contain($"CREATE TABLE [{table}]");
        }

        script.Should().Contain("CREATE UNIQUE INDEX [IX_metric_weight_profiles_IsDefault]")
            .And.Contain("WHERE [IsDefault] = 1", because: "at most one default profile is enforced by a filtered unique index");
        script.Should().Contain("N''Balanced''", because: "the system profiles are seeded by the migration (inside EXEC, quotes doubled)");
    }

    private static CinegraphDbContext Context(DatabaseProvider provider)
    {
        // Placeholder connection strings: nothing here opens a connection.
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=never-opened.db",
            DatabaseProvider.Postgres => "Host=localhost;Database=never_opened",
            _ => "Server=localhost;Database=never_opened",
        };
        return new CinegraphDbContextFactory(provider, connectionString).CreateDbContext();
    }
}
