using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Jobs;

/// <summary>The job row's decades and errors are typed in Core; the text stored in the columns is unchanged.</summary>
public abstract class JobColumnsTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task StoresDecadesAsCommaSeparatedTextAndErrorsAsJsonAndReadsThemBackTyped()
    {
        var ct = TestContext.Current.CancellationToken;
        var error = new JobError(s_at, 1, "boom", "System.InvalidOperationException");
        var job = await JobRows.InsertAsync(Factory, JobStates.Discarded, s_at, j =>
        {
            j.Decades = [1950, 1990];
            j.Errors = [error];
        });

        await using var db = await Factory.CreateDbContextAsync(ct);
        var select = "SELECT " + Column(db, nameof(RefreshJob.Decades)) + " AS " + Column(db, "Value") + " FROM refresh_jobs WHERE " + Column(db, nameof(RefreshJob.Id)) + " = {0}";
        var stored = await db.Database.SqlQueryRaw<string>(select, job.Id).SingleAsync(ct);
        stored.Should().Be("1950,1990");

        var read = await JobRows.GetAsync(Factory, job.Id);
        read.Decades.Should().Equal(1950, 1990);
        read.Errors.Should().Equal(error);
    }

    [Fact]
    public async Task CutsAStackTraceStoredBeforeMessagesWereShortWhenTheRowIsRead()
    {
        var ct = TestContext.Current.CancellationToken;
        var job = await JobRows.InsertAsync(Factory, JobStates.Discarded, s_at);
        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            var legacy = """[{"at":"2026-01-01T00:00:00+00:00","attempt":1,"message":"System.Exception: old\n   at X() in /src/X.cs:line 4"}]""";
            var update = "UPDATE refresh_jobs SET " + Column(db, nameof(RefreshJob.Errors)) + " = " + (db.Database.IsNpgsql() ? "{0}::jsonb" : "{0}")
                + " WHERE " + Column(db, nameof(RefreshJob.Id)) + " = {1}";
            await db.Database.ExecuteSqlRawAsync(update, [legacy, job.Id], ct);
        }

        var read = await JobRows.GetAsync(Factory, job.Id);

        read.Errors.Should().ContainSingle().Which.Message.Should().Be("System.Exception: old");
    }

    private static string Column(CinegraphDbContext db, string name) => db.Database.IsSqlServer() ? $"[{name}]" : $"\"{name}\"";
}

public sealed class JobColumnsTestsOnSqlite() : JobColumnsTests(DatabaseProvider.Sqlite);

public sealed class JobColumnsTestsOnPostgres() : JobColumnsTests(DatabaseProvider.Postgres);
