using System.Net;
using System.Net.Http.Json;
using Cinegraph.Tests.Jobs;
using Cinegraph.Tests.Web.Api;

namespace Cinegraph.Tests.Web.Integration;

/// <summary>/metrics (issue 9, item 6): Prometheus text for administrators only, with the refresh queue's metrics.</summary>
public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefusesMetricsToAVisitor()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ShowsAnAdministratorTheJobThatCompletedWithItsDuration()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var admin = await app.CreateAdminClientAsync(Ct);
        using var refresh = await admin.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, Ct);
        refresh.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var jobId = (await ApiApp.JsonAsync(refresh, Ct)).GetProperty("job").GetProperty("id").GetInt64();
        await ApiApp.WaitForJobStateAsync(admin, jobId, "completed");

        var text = await Eventually.UntilAsync(
            () => admin.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct),
            body => body.Contains("cinegraph_jobs_ended_total{", StringComparison.Ordinal),
            "the completed attempt to show in the metrics");

        text.Should().Contain("state=\"completed\"").And.Contain("cinegraph_jobs_duration_seconds_bucket").And.Contain("http_server_request_duration_seconds");
    }

    [Fact]
    public async Task CountsCacheReadsPerLevelAndPageModelReads()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var admin = await app.CreateAdminClientAsync(Ct);
        using var refresh = await admin.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, Ct);
        var jobId = (await ApiApp.JsonAsync(refresh, Ct)).GetProperty("job").GetProperty("id").GetInt64();
        await ApiApp.WaitForJobStateAsync(admin, jobId, "completed");

        // The first read loads the row into memory, the second finds it there; the page reads its model once per view.
        for (var read = 0; read < 2; read++)
        {
            using var predictions = await admin.GetAsync(new Uri("/api/predictions?decade=2020&profile=balanced", UriKind.Relative), Ct);
            predictions.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var page = await admin.GetAsync(new Uri("/predictions?decade=2020&profile=balanced", UriKind.Relative), Ct))
        {
            page.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var text = await Eventually.UntilAsync(
            () => admin.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct),
            body => body.Contains("cinegraph_cache_reads_total{", StringComparison.Ordinal) && body.Contains("cinegraph_predictions_page_reads_total", StringComparison.Ordinal),
            "the cache and page reads to show in the metrics");

        var lines = text.Split('\n');
        lines.Should().Contain(l => l.StartsWith("cinegraph_cache_reads_total{", StringComparison.Ordinal) && l.Contains("level=\"l1\"", StringComparison.Ordinal) && l.Contains("result=\"hit\"", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("cinegraph_cache_reads_total{", StringComparison.Ordinal) && l.Contains("level=\"l1\"", StringComparison.Ordinal) && l.Contains("result=\"miss\"", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("cinegraph_cache_reads_total{", StringComparison.Ordinal) && l.Contains("level=\"database\"", StringComparison.Ordinal) && l.Contains("result=\"hit\"", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("cinegraph_predictions_page_reads_total", StringComparison.Ordinal));
    }
}
