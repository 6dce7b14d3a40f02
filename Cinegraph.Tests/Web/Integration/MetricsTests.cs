using System.Net;
using System.Net.Http.Json;
using Cinegraph.Tests.Jobs;
using Cinegraph.Tests.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Web.Integration;

/// <summary>
/// /metrics (issue 9, item 6): Prometheus text for administrators, and for requests from the networks of
/// <c>Metrics:AllowedNetworks</c>, with the refresh queue's metrics.
/// </summary>
public sealed class MetricsTests
{
    /// <summary>The test server has no client address: this header gives the request one (as a connection would).</summary>
    private const string ClientAddressHeader = "X-Test-Client-Address";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAddressInAnAllowedNetworkReadsTheMetricsWithoutSigningInAndOthersDoNot()
    {
        await using var app = await ApiApp.CreateAsync(
            new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8" },
            services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>(),
            Ct);
        using var client = app.CreateClient();

        using var fromScraper = await GetMetricsAsync(client, "10.1.2.3");
        using var fromElsewhere = await GetMetricsAsync(client, "192.168.1.5");

        fromScraper.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fromScraper.Content.ReadAsStringAsync(Ct)).Should().Contain("cinegraph_jobs_due");
        fromElsewhere.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("10.0.0.0/99")]
    [InlineData("not-a-network")]
    public async Task ABadMetricsNetworkStopsTheStartWithItsName(string network)
    {
        await using var app = await ApiApp.CreateAsync(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = network }, cancellationToken: Ct);

        var start = () => app.Factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("AllowedNetworks");
    }

    [Fact]
    public async Task CountsJobsByState()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var admin = await app.CreateAdminClientAsync(Ct);
        using var refresh = await admin.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, Ct);
        var jobId = (await ApiApp.JsonAsync(refresh, Ct)).GetProperty("job").GetProperty("id").GetInt64();
        await ApiApp.WaitForJobStateAsync(admin, jobId, "completed");

        // The gauge is read at the worker's next poll; every state is reported, those without jobs as 0.
        var text = await Eventually.UntilAsync(
            () => admin.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct),
            body => body.Split('\n').Any(l => l.StartsWith("cinegraph_jobs_by_state{", StringComparison.Ordinal) && l.Contains("state=\"completed\"", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal)),
            "the completed job to be counted by state");

        text.Should().Contain("state=\"executing\"").And.Contain("state=\"discarded\"");
    }

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

    private static Task<HttpResponseMessage> GetMetricsAsync(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Add(ClientAddressHeader, address);
        return client.SendAsync(request, Ct);
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return following(context);
            });
            next(app);
        };
    }
}
