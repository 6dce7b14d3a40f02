using System.Net;
using System.Net.Http.Json;
using Cinegraph.Tests.Web.Api;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cinegraph.Tests.Web.Auth;

/// <summary>A copy of the auth cookie, saved before logout or before the password changed, is worth nothing after.</summary>
public sealed class SessionRevocationApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACookieSavedBeforeLogoutNoLongerClearsTheCache()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        var saved = await LoginCookieAsync(app.Factory);
        using (var stillValid = await DeleteCacheAsync(app.Factory, saved))
        {
            stillValid.StatusCode.Should().Be(HttpStatusCode.OK, "the saved cookie works while the session lasts");
        }

        using (var logout = await SendAsync(app.Factory, HttpMethod.Post, "/api/auth/logout", saved))
        {
            logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var replayed = await DeleteCacheAsync(app.Factory, saved);

        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        replayed.Headers.TryGetValues("Set-Cookie", out var cleared).Should().BeTrue("the void cookie is deleted");
        cleared!.Should().Contain(c => c.StartsWith(AuthServiceCollectionExtensions.CookieName + "=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACookieOfTheOldPasswordNoLongerWorksAfterThePasswordChanged()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        var saved = await LoginCookieAsync(app.Factory);
        await using var samePassword = app.Factory.WithWebHostBuilder(_ => { });
        await using var newPassword = app.Factory.WithWebHostBuilder(b => b.UseSetting("Admin:Password", "a-brand-new-password"));

        using var same = await DeleteCacheAsync(samePassword, saved);
        using var changed = await DeleteCacheAsync(newPassword, saved);

        same.StatusCode.Should().Be(HttpStatusCode.OK, "the same credential on a restarted host keeps the session");
        changed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> LoginCookieAsync(WebApplicationFactory<Program> factory)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = ApiApp.AdminUserName, password = ApiApp.AdminPassword }, Ct);
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthServiceCollectionExtensions.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static Task<HttpResponseMessage> DeleteCacheAsync(WebApplicationFactory<Program> factory, string cookie) =>
        SendAsync(factory, HttpMethod.Delete, "/api/cache", cookie);

    private static async Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> factory, HttpMethod method, string path, string cookie)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }
}
