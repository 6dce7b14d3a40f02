using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Cinegraph.Tests.Web.Api;

/// <summary>
/// Cross-site request forgery against the admin API with a valid admin cookie: a form post (also from another port
/// of the same host) and any cross-origin browser request are refused; JSON from this site or a script passes.
/// </summary>
public sealed class AdminRequestFilterTests : IAsyncLifetime
{
    private ApiApp _app = default!;
    private HttpClient _admin = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "POST", "/api/refresh" },
        { "POST", "/api/refresh/all" },
        { "POST", "/api/jobs/1/cancel" },
        { "POST", "/api/jobs/1/retry" },
        { "DELETE", "/api/cache/balanced" },
        { "DELETE", "/api/cache" },
        { "POST", "/api/profiles" },
        { "PUT", "/api/profiles/balanced" },
        { "DELETE", "/api/profiles/balanced" },
    };

    public static TheoryData<string, string, string> FormBodies
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (method, path) in new[] { ("POST", "/api/refresh"), ("POST", "/api/refresh/all"), ("POST", "/api/jobs/1/cancel"), ("POST", "/api/jobs/1/retry"), ("DELETE", "/api/cache") })
            {
                data.Add(method, path, "application/x-www-form-urlencoded");
                data.Add(method, path, "multipart/form-data; boundary=x");
                data.Add(method, path, "text/plain");
            }

            return data;
        }
    }

    public static TheoryData<string, string> CrossOriginHeaders => new()
    {
        { "Origin", "http://localhost:5001" },
        { "Origin", "http://evil.example" },
        { "Origin", "https://localhost" },
        { "Origin", "null" },
        { "Origin", "not a url" },
        { "Sec-Fetch-Site", "same-site" },
        { "Sec-Fetch-Site", "cross-site" },
    };

    public async ValueTask InitializeAsync()
    {
        _app = await ApiApp.CreateAsync(new Dictionary<string, string?> { ["Auth:RefreshLimit"] = "1000" }, cancellationToken: Ct);
        _admin = await _app.CreateAdminClientAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(FormBodies))]
    public async Task RefusesAFormOrPlainTextBodyWithUnsupportedMediaType(string method, string path, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = new StringContent("profile=balanced", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await _admin.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task RefusesEveryAdminEndpointFromAnotherPortOfTheSameHost(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(new { profile = "balanced" }) };
        request.Headers.Add("Origin", "http://localhost:8080");
        request.Headers.Add("Sec-Fetch-Site", "same-site");

        using var response = await _admin.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("Cross-origin request refused");
    }

    [Theory]
    [MemberData(nameof(CrossOriginHeaders))]
    public async Task RefusesACrossOriginJsonRequest(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/refresh/all", UriKind.Relative)) { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await _admin.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RefusesABodyWithoutAContentType()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/refresh/all", UriKind.Relative)) { Content = new ByteArrayContent("{}"u8.ToArray()) };

        using var response = await _admin.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AcceptsJsonFromThisSitesOwnPagesAndBodilessCallsFromScripts()
    {
        using var fromPage = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/refresh", UriKind.Relative))
        {
            Content = JsonContent.Create(new { profile = "balanced" }),
        };
        fromPage.Headers.Add("Origin", "http://localhost");
        fromPage.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var problemJson = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/refresh/all", UriKind.Relative)) { Content = new StringContent("{}") };
        problemJson.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json; charset=utf-8");

        using var page = await _admin.SendAsync(fromPage, Ct);
        using var script = await _admin.PostAsync(new Uri("/api/refresh/all", UriKind.Relative), null, Ct);
        using var jsonSuffix = await _admin.SendAsync(problemJson, Ct);
        using var delete = await _admin.DeleteAsync(new Uri("/api/cache", UriKind.Relative), Ct);

        page.StatusCode.Should().Be(HttpStatusCode.Accepted);
        script.StatusCode.Should().Be(HttpStatusCode.Accepted);
        jsonSuffix.StatusCode.Should().Be(HttpStatusCode.Accepted);
        delete.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheJsonLoginStillWorksAndAnonymousCallersStillGetUnauthorizedFirst()
    {
        using var anonymous = _app.CreateClient();
        using var form = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/refresh/all", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("x", "1")]),
        };
        using var refused = await anonymous.SendAsync(form, Ct);
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = ApiApp.AdminUserName, password = ApiApp.AdminPassword }, Ct);

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        login.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
