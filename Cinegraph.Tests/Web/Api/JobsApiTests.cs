using System.Net;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Tests.Web.Api;

/// <summary>
/// <c>GET /api/jobs</c> (paging, filters, counts), <c>GET /api/jobs/{id}</c> with its attempts, and <c>DELETE /api/jobs/{id}</c>,
/// through the real app on SQLite and on PostgreSQL.
/// </summary>
public abstract class JobsApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    // Recent: the app's worker prunes finished jobs older than Jobs:PruneAfter (7 days) on its first maintenance pass.
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddHours(-1);

    private TestDatabase? _postgres;
    private ApiApp _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<CinegraphDbContext> Factory => _app.Services.GetRequiredService<IDbContextFactory<CinegraphDbContext>>();

    public async ValueTask InitializeAsync()
    {
        Dictionary<string, string?> settings = [];
        if (provider == DatabaseProvider.Postgres)
        {
            _postgres = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, cancellationToken: Ct);
            await new CatalogImporter(_postgres.Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance)
                .ImportAsync(TempCatalogue.TinyBundle(), DemoCatalogue.Source, true, cancellationToken: Ct);
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Cinegraph"] = _postgres.ConnectionString;
        }

        _app = await ApiApp.CreateAsync(settings, cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ListsJobsNewestFirstInPagesFilteredByStateProfileAndIdWithTheCountPerState()
    {
        using var client = await _app.CreateAdminClientAsync(Ct);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await JobRows.InsertAsync(Factory, JobStates.Discarded, At.AddMinutes(i), j => j.ProfileId = 1)).Id);
            ids.Add((await JobRows.InsertAsync(Factory, JobStates.Completed, At.AddMinutes(i), j => j.ProfileId = 2)).Id);
        }

        var second = await GetJsonAsync(client, "/api/jobs?page=2&pageSize=4");
        second.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).Should().Equal(ids.AsEnumerable().Reverse().Skip(4).Take(4));
        second.GetProperty("total").GetInt32().Should().Be(10);
        second.GetProperty("pageCount").GetInt32().Should().Be(3);
        second.GetProperty("counts").GetProperty("discarded").GetInt32().Should().Be(5);
        second.GetProperty("counts").GetProperty("completed").GetInt32().Should().Be(5);
        second.GetProperty("counts").GetProperty("executing").GetInt32().Should().Be(0);

        var discarded = await GetJsonAsync(client, "/api/jobs?state=discarded&profile=balanced");
        discarded.GetProperty("total").GetInt32().Should().Be(5);
        discarded.GetProperty("jobs").EnumerateArray().Should().OnlyContain(j => j.GetProperty("state").GetString() == "discarded" && j.GetProperty("profileId").GetInt32() == 1);
        (await GetJsonAsync(client, "/api/jobs?state=discarded&profile=award-winner")).GetProperty("total").GetInt32().Should().Be(0);
        var one = await GetJsonAsync(client, $"/api/jobs?id={ids[3]}");
        one.GetProperty("jobs").EnumerateArray().Should().ContainSingle().Which.GetProperty("id").GetInt64().Should().Be(ids[3]);
    }

    [Fact]
    public async Task RefusesAnUnknownStateOrProfileAndAnonymousCallers()
    {
        using var admin = await _app.CreateAdminClientAsync(Ct);
        using var anonymous = _app.CreateClient();

        using var badState = await admin.GetAsync(new Uri("/api/jobs?state=running", UriKind.Relative), Ct);
        using var badProfile = await admin.GetAsync(new Uri("/api/jobs?profile=nobody", UriKind.Relative), Ct);
        using var badPage = await admin.GetAsync(new Uri("/api/jobs?page=0", UriKind.Relative), Ct);
        using var denied = await anonymous.GetAsync(new Uri("/api/jobs", UriKind.Relative), Ct);

        badState.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badState.Content.ReadAsStringAsync(Ct)).Should().Contain("state must be one of");
        badProfile.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badPage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AJobHasItsAttemptsWithNodeStepsAndErrorsAndVisitorsSeeNeitherNodeNorMessage()
    {
        var job = await JobRows.InsertAsync(Factory, JobStates.Discarded, At, j =>
        {
            j.Attempt = 2;
            j.AttemptedBy = "node-b";
            j.DiscardedAt = At.AddSeconds(40);
            j.Errors = [new JobError(At.AddSeconds(10), 1, "disk full", "System.IO.IOException"), new JobError(At.AddSeconds(40), 2, "still full")];
            j.Attempts =
            [
                new JobAttemptRecord(1, "node-a", At.AddSeconds(1), At.AddSeconds(10), JobStates.Retryable, [new JobStep("loaded 3 films", 2.5)]),
                new JobAttemptRecord(2, "node-b", At.AddSeconds(30), At.AddSeconds(40), JobStates.Discarded, []),
            ];
        });
        using var admin = await _app.CreateAdminClientAsync(Ct);
        using var anonymous = _app.CreateClient();

        var full = await GetJsonAsync(admin, $"/api/jobs/{job.Id}");
        var visitor = await GetJsonAsync(anonymous, $"/api/jobs/{job.Id}");

        full.GetProperty("node").GetString().Should().Be("node-b");
        var attempts = full.GetProperty("attempts").EnumerateArray().ToList();
        attempts.Select(a => (a.GetProperty("number").GetInt32(), a.GetProperty("node").GetString(), a.GetProperty("error").GetString()))
            .Should().Equal((1, "node-a", "disk full"), (2, "node-b", "still full"));
        attempts[0].GetProperty("steps")[0].GetProperty("name").GetString().Should().Be("loaded 3 films");
        attempts[0].GetProperty("steps")[0].GetProperty("seconds").GetDouble().Should().Be(2.5);
        full.GetProperty("estimate").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        visitor.GetProperty("node").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        visitor.GetProperty("attempts").EnumerateArray().Should().OnlyContain(a =>
            a.GetProperty("node").ValueKind == System.Text.Json.JsonValueKind.Null && a.GetProperty("error").GetString() == "The refresh failed.");
    }

    [Fact]
    public async Task DeletesAFinishedJobButNotOneThatHasNotFinished()
    {
        var finished = await JobRows.InsertAsync(Factory, JobStates.Cancelled, At);
        var waiting = await JobRows.InsertAsync(Factory, JobStates.Scheduled, At.AddDays(400));
        using var admin = await _app.CreateAdminClientAsync(Ct);

        using var deleted = await admin.DeleteAsync(new Uri($"/api/jobs/{finished.Id}", UriKind.Relative), Ct);
        using var again = await admin.DeleteAsync(new Uri($"/api/jobs/{finished.Id}", UriKind.Relative), Ct);
        using var refused = await admin.DeleteAsync(new Uri($"/api/jobs/{waiting.Id}", UriKind.Relative), Ct);

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await JobRows.AllAsync(Factory)).Select(j => j.Id).Should().Contain(waiting.Id).And.NotContain(finished.Id);
    }

    private static async Task<System.Text.Json.JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await ApiApp.JsonAsync(response, Ct);
    }
}

public sealed class JobsApiTestsOnSqlite() : JobsApiTests(DatabaseProvider.Sqlite);

public sealed class JobsApiTestsOnPostgres() : JobsApiTests(DatabaseProvider.Postgres);
