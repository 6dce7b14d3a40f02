using System.Net;
using System.Net.Http.Json;

namespace Cinegraph.Tests.Web.Api;

/// <summary>Every admin mutation, cancel and delete included, draws on the same per-user budget as refresh.</summary>
public sealed class AdminRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("POST", "/api/jobs/999/cancel")]
    [InlineData("DELETE", "/api/cache")]
    [InlineData("DELETE", "/api/cache/balanced")]
    public async Task CancelAndDeleteAreRateLimitedLikeRefresh(string method, string path)
    {
        await using var app = await ApiApp.CreateAsync(new Dictionary<string, string?> { ["Auth:RefreshLimit"] = "2", ["Auth:RefreshWindow"] = "01:00:00" }, cancellationToken: Ct);
        using var admin = await app.CreateAdminClientAsync(Ct);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            using var response = await admin.SendAsync(request, Ct);
            statuses.Add(response.StatusCode);
        }

        using var refresh = await admin.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, Ct);

        statuses.Take(2).Should().NotContain(HttpStatusCode.TooManyRequests);
        statuses[2].Should().Be(HttpStatusCode.TooManyRequests);
        refresh.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "refresh shares the same budget");
    }
}
