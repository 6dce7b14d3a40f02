using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cinegraph.Tests.Web.Api;

namespace Cinegraph.Tests.Web.Auth;

/// <summary>Who may do what through the JSON API, against the real app.</summary>
public sealed class AuthApiTests(ApiAppFixture fixture) : IClassFixture<ApiAppFixture>
{
    private static readonly int[] s_lastDecade = [2020];

    private ApiApp App => fixture.App;

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "POST", "/api/refresh" },
        { "POST", "/api/refresh/all" },
        { "POST", "/api/jobs/1/cancel" },
        { "POST", "/api/jobs/1/retry" },
        { "DELETE", "/api/cache/balanced" },
        { "DELETE", "/api/cache" },
    };

    [Fact]
    public async Task RefusesAnonymousRefreshWithUnauthorized()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, ct);
        var body = await ApiApp.JsonAsync(response, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull("an API call is answered, not redirected to the login page");
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        body.GetProperty("status").GetInt32().Should().Be(401);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task RefusesEveryAdminEndpointToAnonymousCallers(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(new { profile = "balanced" }),
        };

        using var response = await client.SendAsync(request, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task WrongUserNameAndWrongPasswordGetTheSameAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var wrongUser = await client.PostAsJsonAsync("/api/auth/login", new { userName = "root", password = ApiApp.AdminPassword }, ct);
        using var wrongPassword = await client.PostAsJsonAsync("/api/auth/login", new { userName = ApiApp.AdminUserName, password = "not-the-password" }, ct);

        wrongUser.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrongUser.Headers.Contains("Set-Cookie").Should().BeFalse();
        var userBody = await WithoutTraceIdAsync(wrongUser, ct);
        var passwordBody = await WithoutTraceIdAsync(wrongPassword, ct);
        userBody.Should().Be(passwordBody);
        userBody.Should().NotContainAny("user name is", "password is wrong", "unknown user");
    }

    [Fact]
    public async Task LoginSetsAnHttpOnlyLaxCookieThatAuthorizesAdminCalls()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "ADMIN", password = ApiApp.AdminPassword }, ct);
        using var refresh = await client.PostAsJsonAsync("/api/refresh", new { profile = "critics-choice", decades = s_lastDecade }, ct);
        using var logout = await client.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null, ct);
        using var afterLogout = await client.PostAsJsonAsync("/api/refresh", new { profile = "critics-choice" }, ct);

        login.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cinegraph.auth=", StringComparison.Ordinal));
        cookie.Should().ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=lax");
        var body = await ApiApp.JsonAsync(login, ct);
        body.GetProperty("userName").GetString().Should().Be(ApiApp.AdminUserName);
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("Admin");
        refresh.StatusCode.Should().Be(HttpStatusCode.Accepted);
        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        afterLogout.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PublicReadsNeedNoLogin()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        foreach (var path in new[] { "/api/profiles", "/api/predictions?decade=2020", "/api/comparison", "/api/cache/status" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        }
    }

    // The trace id differs per request by design and says nothing about the credentials.
    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
