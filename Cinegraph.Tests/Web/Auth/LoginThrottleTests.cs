using System.Net;
using System.Net.Http.Json;
using Cinegraph.Tests.Web.Api;

namespace Cinegraph.Tests.Web.Auth;

/// <summary>Failed logins are counted per client and refused with 429 once the budget is spent (an app of its own).</summary>
public sealed class LoginThrottleTests
{
    private static readonly int[] s_lastDecade = [2020];

    [Fact]
    public async Task RepeatedFailedLoginsAreRefusedWithTooManyRequests()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ApiApp.CreateAsync(
            new Dictionary<string, string?> { ["Auth:FailedLoginLimit"] = "3", ["Auth:FailedLoginWindow"] = "00:05:00" },
            cancellationToken: ct);
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = $"guess-{i}" }, ct);
            statuses.Add(failed.StatusCode);
        }

        using var rightButThrottled = await client.PostAsJsonAsync("/api/auth/login", new { userName = ApiApp.AdminUserName, password = ApiApp.AdminPassword }, ct);
        var body = await ApiApp.JsonAsync(rightButThrottled, ct);

        statuses.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        rightButThrottled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        rightButThrottled.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        rightButThrottled.Headers.RetryAfter.Should().NotBeNull();
        body.GetProperty("status").GetInt32().Should().Be(429);
    }

    [Fact]
    public async Task RefreshRequestsAreRateLimitedPerUser()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ApiApp.CreateAsync(
            new Dictionary<string, string?> { ["Auth:RefreshLimit"] = "2", ["Auth:RefreshWindow"] = "00:05:00" },
            cancellationToken: ct);
        using var client = await app.CreateAdminClientAsync(ct);

        var statuses = new List<HttpStatusCode>();
        string? lastMediaType = null;
        for (var i = 0; i < 3; i++)
        {
            using var refresh = await client.PostAsJsonAsync("/api/refresh", new { profile = "balanced", decades = s_lastDecade }, ct);
            statuses.Add(refresh.StatusCode);
            lastMediaType = refresh.Content.Headers.ContentType?.MediaType;
        }

        statuses.Should().Equal(HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests);
        lastMediaType.Should().Be("application/problem+json");
    }
}
