using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cinegraph.Tests.Web.Api;

/// <summary>
/// The read API against the real app. Tests share one app, so each one uses a profile no other test of the class
/// refreshes: <c>balanced</c> is refreshed, <c>cult-classic</c> and <c>crowd-pleaser</c> stay missing.
/// </summary>
public sealed class PredictionsApiTests(ApiAppFixture fixture) : IClassFixture<ApiAppFixture>
{
    private ApiApp App => fixture.App;

    [Fact]
    public async Task ProfilesListEveryActiveProfileWithItsSlug()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/profiles", UriKind.Relative), ct);
        var profiles = await ApiApp.JsonAsync(response, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        profiles.EnumerateArray().Select(p => p.GetProperty("slug").GetString())
            .Should().Equal("balanced", "award-winner", "critics-choice", "crowd-pleaser", "cult-classic", "learned");
        profiles.EnumerateArray().Where(p => p.GetProperty("isDefault").GetBoolean()).Select(p => p.GetProperty("slug").GetString()).Should().Equal("learned");
        var balanced = profiles[0];
        balanced.GetProperty("name").GetString().Should().Be("Balanced");
        balanced.GetProperty("isDefault").GetBoolean().Should().BeFalse();
        balanced.GetProperty("weightsVersion").GetInt32().Should().Be(1);
        balanced.GetProperty("weights").GetProperty("popularOpinion").GetDouble().Should().Be(0.25);
        balanced.TryGetProperty("description", out _).Should().BeTrue();
    }

    [Fact]
    public async Task PredictionsAreMissingBeforeAnyRefresh()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/predictions?decade=1950&profile=cult-classic", UriKind.Relative), ct);
        var body = await ApiApp.JsonAsync(response, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("status").GetString().Should().Be("missing");
        body.GetProperty("decade").GetInt32().Should().Be(1950);
        body.GetProperty("profile").GetString().Should().Be("cult-classic");
        body.TryGetProperty("entries", out _).Should().BeFalse();
    }

    [Fact]
    public async Task ValidationIsMissingBeforeAnyRefresh()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/validation?profile=crowd-pleaser", UriKind.Relative), ct);
        var body = await ApiApp.JsonAsync(response, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("status").GetString().Should().Be("missing");
        body.GetProperty("profile").GetString().Should().Be("crowd-pleaser");
    }

    [Theory]
    [InlineData("/api/predictions?decade=1910&profile=balanced")]
    [InlineData("/api/predictions?decade=1995&profile=balanced")]
    [InlineData("/api/predictions?decade=2030&profile=balanced")]
    [InlineData("/api/predictions?decade=2020&profile=no-such-profile")]
    [InlineData("/api/validation?profile=no-such-profile")]
    [InlineData("/api/jobs/987654")]
    public async Task UnknownDecadeProfileOrJobAnswersNotFoundProblem(string url)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), ct);
        var body = await ApiApp.JsonAsync(response, ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        body.GetProperty("status").GetInt32().Should().Be(404);
        body.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task LimitOutOfRangeAnswersValidationProblem()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/predictions?decade=2020&profile=balanced&limit=0", UriKind.Relative), ct);
        var body = await ApiApp.JsonAsync(response, ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty("limit", out _).Should().BeTrue();
    }

    [Fact]
    public async Task PredictionsValidationAndComparisonAreReadyAfterARefreshCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await App.CreateAdminClientAsync(ct);

        using var refresh = await client.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, ct);
        refresh.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var jobId = (await ApiApp.JsonAsync(refresh, ct)).GetProperty("job").GetProperty("id").GetInt64();
        var job = await ApiApp.WaitForJobStateAsync(client, jobId, "completed");

        using var response = await client.GetAsync(new Uri("/api/predictions?decade=1990&profile=balanced&limit=10", UriKind.Relative), ct);
        var body = await ApiApp.JsonAsync(response, ct);
        using var validation = await client.GetAsync(new Uri("/api/validation?profile=balanced", UriKind.Relative), ct);
        using var comparison = await client.GetAsync(new Uri("/api/comparison", UriKind.Relative), ct);

        job.GetProperty("progress").GetProperty("done").GetInt32().Should().Be(job.GetProperty("progress").GetProperty("total").GetInt32());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("status").GetString().Should().Be("ready");
        body.GetProperty("decade").GetInt32().Should().Be(1990);
        body.GetProperty("profile").GetString().Should().Be("balanced");
        body.GetProperty("stale").GetBoolean().Should().BeFalse();
        body.GetProperty("staleReasons").GetArrayLength().Should().Be(0);
        body.GetProperty("calculatedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        body.GetProperty("statistics").GetProperty("count").GetInt32().Should().BeGreaterThan(0);
        var entry = body.GetProperty("entries")[0];
        entry.GetProperty("rank").GetInt32().Should().Be(1);
        entry.GetProperty("imdbId").GetString().Should().Be("tt0110912");
        entry.GetProperty("title").GetString().Should().Be("Pulp Fiction");
        entry.GetProperty("year").GetInt32().Should().Be(1994);
        entry.GetProperty("totalScore").ValueKind.Should().Be(JsonValueKind.Number);
        entry.GetProperty("likelihood").ValueKind.Should().Be(JsonValueKind.Number);
        entry.GetProperty("status").GetString().Should().NotBeNullOrEmpty();
        (await ApiApp.JsonAsync(validation, ct)).GetProperty("status").GetString().Should().Be("ready");
        (await ApiApp.JsonAsync(comparison, ct)).GetProperty("status").GetString().Should().Be("ready");
    }

    [Fact]
    public async Task CacheStatusListsEveryProfileWithItsDecades()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/cache/status", UriKind.Relative), ct);
        var body = await ApiApp.JsonAsync(response, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var profiles = body.GetProperty("profiles");
        profiles.GetArrayLength().Should().Be(6);
        profiles[0].GetProperty("slug").GetString().Should().Be("balanced");
        profiles[0].GetProperty("decades").GetArrayLength().Should().Be(11);
    }

    [Fact]
    public async Task HealthReportsTheDatabaseAndTheQueueAsJson()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        // The worker starts with the host; give its ExecuteAsync a moment to be under way.
        var body = await Jobs.Eventually.UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
                return await ApiApp.JsonAsync(response, ct);
            },
            b => b.GetProperty("status").GetString() == "Healthy",
            "a healthy report");

        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
        var queue = body.GetProperty("checks").GetProperty("queue");
        queue.GetProperty("status").GetString().Should().Be("Healthy");
        queue.GetProperty("data").GetProperty("worker").GetString().Should().Be("running");
    }
}
