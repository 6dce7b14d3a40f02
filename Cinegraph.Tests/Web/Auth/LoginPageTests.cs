using System.Net;
using System.Text.RegularExpressions;
using Cinegraph.Tests.Web.Api;

namespace Cinegraph.Tests.Web.Auth;

/// <summary>The <c>/login</c> form: a static server-rendered POST with the anti-forgery token.</summary>
public sealed partial class LoginPageTests(ApiAppFixture fixture) : IClassFixture<ApiAppFixture>
{
    private ApiApp App => fixture.App;

    [Fact]
    public async Task LoginFormWithoutAntiforgeryTokenIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = ApiApp.AdminUserName,
            ["Input.Password"] = ApiApp.AdminPassword,
        });

        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), content, ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task LoginFormSignsInAndRedirectsToTheLocalReturnUrl()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await PostLoginFormAsync(client, "/login?returnUrl=%2Fadmin%2Fcache", ApiApp.AdminPassword, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().EndWith("/admin/cache");
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("cinegraph.auth=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https%3A%2F%2Fevil.example%2F")]
    [InlineData("%2F%2Fevil.example%2F")]
    [InlineData("%2F%5Cevil.example%2F")]
    public async Task LoginFormIgnoresAReturnUrlOnAnotherSite(string returnUrl)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await PostLoginFormAsync(client, $"/login?returnUrl={returnUrl}", ApiApp.AdminPassword, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).Should().Be("/");
        if (location.IsAbsoluteUri)
        {
            location.Host.Should().Be("localhost");
        }
    }

    [Fact]
    public async Task LoginFormWithAWrongPasswordShowsTheSameMessageAndNoCookie()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await PostLoginFormAsync(client, "/login", "wrong-password", ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("The user name or password is incorrect.");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith("cinegraph.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogoutPageTellsAnonymousVisitorsTheyAreNotSignedIn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri("/logout", UriKind.Relative), ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("You are not signed in");
    }

    private static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string url, string password, CancellationToken ct)
    {
        var page = await client.GetStringAsync(new Uri(url, UriKind.Relative), ct);
        var token = AntiforgeryToken().Match(page);
        token.Success.Should().BeTrue("the form carries an anti-forgery token");
        page.Should().Contain("name=\"Input.UserName\"").And.Contain("name=\"Input.Password\"");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["Input.UserName"] = ApiApp.AdminUserName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri(url, UriKind.Relative), content, ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
