using System.Net;
using Cinegraph.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Web.Integration;

/// <summary><c>/health/ready</c> and the start when the SQLite file is deleted under the app.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task ReadinessTurnsUnavailableWhenTheDatabaseFileIsDeletedAndTheAppKeepsServing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        using var client = app.CreateClient();
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct))
        {
            ready.StatusCode.Should().Be(HttpStatusCode.OK);
            (await ready.Content.ReadAsStringAsync(ct)).Should().Contain("\"storage\"").And.Contain("\"database\"").And.NotContain("\"queue\"");
        }

        var path = app.Services.GetRequiredService<DatabaseStorage>().SqliteFile!;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        using var notReady = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
        var body = await notReady.Content.ReadAsStringAsync(ct);
        notReady.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        body.Should().Contain("The database file is gone.").And.NotContain(Path.GetDirectoryName(path)!);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), ct);
        live.StatusCode.Should().Be(HttpStatusCode.OK, "the process is alive; only readiness depends on the database");
        (await live.Content.ReadAsStringAsync(ct)).Should().Contain("\"checks\":{}");
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative), ct);
        home.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartRefusesToBuildANewCatalogueWhereAnInitialisedDatabaseFileVanished()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var baseApp = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        string path;
        await using (var first = baseApp.WithWebHostBuilder(_ => { }))
        {
            using var client = first.CreateClient();
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
            path = first.Services.GetRequiredService<DatabaseStorage>().SqliteFile!;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        await using var second = baseApp.WithWebHostBuilder(_ => { });
        second.Invoking(s => s.CreateClient()).Should().Throw<InvalidOperationException>()
            .WithMessage("*is gone*initialised before*delete*" + DatabaseStorage.MarkerSuffix + "*");
        File.Exists(path).Should().BeFalse("no demo catalogue is built over the lost file");
    }
}
