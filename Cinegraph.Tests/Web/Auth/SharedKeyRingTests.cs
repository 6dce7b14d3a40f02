using System.Net;
using System.Net.Http.Json;
using Cinegraph.Core.Data;
using Cinegraph.Tests.Web.Api;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Web.Auth;

/// <summary>Cookies work on every node (issue 9, item 4): the data protection key ring lives in the shared database.</summary>
public sealed class SharedKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACookieIssuedByOneHostIsAcceptedByAnotherHostOnTheSameDatabase()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        var nodeA = app.Factory;
        await using var nodeB = app.Factory.WithWebHostBuilder(_ => { });

        var cookie = await LoginCookieAsync(nodeA);

        await using (var db = await nodeB.Services.GetRequiredService<IDbContextFactory<CinegraphDbContext>>().CreateDbContextAsync(Ct))
        {
            var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync(Ct);
            keys.Should().ContainSingle("node A created the key ring in the database").Which.Xml.Should().Contain("<key ");
        }

        using var client = nodeB.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/cache", UriKind.Relative)) { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "node B reads node A's cookie with the shared key ring");
    }

    private static async Task<string> LoginCookieAsync(WebApplicationFactory<Program> factory)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = ApiApp.AdminUserName, password = ApiApp.AdminPassword }, Ct);
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthServiceCollectionExtensions.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
    }
}
