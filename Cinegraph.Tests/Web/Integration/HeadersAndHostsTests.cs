using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cinegraph.Tests.Web.Api;
using Cinegraph.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Web.Integration;

/// <summary>Security headers, host filtering, trusted proxies and what /health tells a stranger; the real app on Kestrel.</summary>
public sealed class HeadersAndHostsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAnswerCarriesTheSecurityHeadersAndNoServerHeader()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var client = StartKestrel(app);

        foreach (var path in new[] { "/", "/predictions", "/api/profiles", "/health", "/no-such-page", "/api/jobs/999999" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

            response.Headers.Contains("Server").Should().BeFalse(path);
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal(["nosniff"], path);
            response.Headers.GetValues("Referrer-Policy").Should().Equal([SecurityHeaders.ReferrerPolicy], path);
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        }
    }

    [Fact]
    public async Task TheProductionDefaultsAllowOnlyLocalHostNames()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var client = StartKestrel(app);
        using var foreign = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/profiles", UriKind.Relative));
        foreign.Headers.Host = "attacker.example";

        using var refused = await client.SendAsync(foreign, Ct);
        using var allowed = await client.GetAsync(new Uri("/api/profiles", UriKind.Relative), Ct);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await File.ReadAllTextAsync(Path.Combine(Infrastructure.TestPaths.RepoRoot, "Cinegraph.Web", "appsettings.json"), Ct);
        JsonDocument.Parse(json).RootElement.GetProperty("AllowedHosts").GetString().Should().NotBe("*");
    }

    [Fact]
    public async Task AConfiguredHostNameIsAllowed()
    {
        await using var app = await ApiApp.CreateAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "cinegraph.example" }, cancellationToken: Ct);
        using var client = StartKestrel(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/profiles", UriKind.Relative));
        request.Headers.Host = "cinegraph.example";

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BehindATrustedTlsProxyTheCookieIsSecureAndLoginsAreThrottledPerForwardedClient()
    {
        await using var app = await ApiApp.CreateAsync(new Dictionary<string, string?> { ["Proxy:KnownProxies:0"] = "127.0.0.1" }, cancellationToken: Ct);
        using var client = StartKestrel(app);

        using var login = await LoginAsync(client, "203.0.113.7", ApiApp.AdminPassword);
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cinegraph.auth=", StringComparison.Ordinal)).Should().Contain("secure");

        for (var i = 0; i < 5; i++)
        {
            using var failed = await LoginAsync(client, "203.0.113.66", "wrong-password");
            failed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var throttled = await LoginAsync(client, "203.0.113.66", ApiApp.AdminPassword);
        using var otherClient = await LoginAsync(client, "203.0.113.67", ApiApp.AdminPassword);
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        otherClient.StatusCode.Should().Be(HttpStatusCode.OK, "another client behind the same proxy has its own budget");
    }

    [Fact]
    public async Task WithoutATrustedProxyForwardedHeadersAreIgnored()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var client = StartKestrel(app);

        using var login = await LoginAsync(client, "203.0.113.7", ApiApp.AdminPassword);

        login.StatusCode.Should().Be(HttpStatusCode.OK);
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cinegraph.auth=", StringComparison.Ordinal)).Should().NotContain("secure");
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "not-an-address")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/99")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.1")]
    [InlineData("Proxy:ForwardLimit", "0")]
    public async Task ABadProxySettingStopsTheStartWithItsName(string key, string value)
    {
        await using var app = await ApiApp.CreateAsync(new Dictionary<string, string?> { [key] = value }, cancellationToken: Ct);

        var start = () => app.Factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(key.Split(':')[1]);
    }

    [Fact]
    public async Task HealthTellsAnonymousCallersNoHostNameOrProcessIdButAdminsDo()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        var node = app.Services.GetRequiredService<Cinegraph.Core.Jobs.RefreshWorker>().Node;
        using var anonymous = app.CreateClient();
        using var admin = await app.CreateAdminClientAsync(Ct);

        var forAnonymous = await anonymous.GetStringAsync(new Uri("/health", UriKind.Relative), Ct);
        var forAdmin = await admin.GetStringAsync(new Uri("/health", UriKind.Relative), Ct);

        forAnonymous.Should().NotContain(node).And.NotContain(Environment.MachineName).And.NotContain("\"node\"");
        JsonDocument.Parse(forAnonymous).RootElement.GetProperty("checks").GetProperty("queue").GetProperty("data").GetProperty("worker").GetString().Should().Be("running");
        forAdmin.Should().Contain(node);
    }

    private static HttpClient StartKestrel(ApiApp app)
    {
        app.Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.Factory.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string forwardedFor, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/login", UriKind.Relative))
        {
            Content = JsonContent.Create(new { userName = ApiApp.AdminUserName, password }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await client.SendAsync(request, Ct);
    }
}
