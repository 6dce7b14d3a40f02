using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Web.Integration;

public sealed class WebAppTests
{
    [Fact]
    public async Task HomePageAnswersOkWithTheCatalogue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Cinegraph").And.Contain("demo data").And.Contain("data-testid=\"films\"");
    }

    [Fact]
    public async Task UnknownPageShowsFriendlyNotFoundPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative), ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        html.Should().Contain("Page not found").And.Contain("href=\"/\"");
        html.Should().NotContain("Exception").And.NotContain("   at ");
    }

    [Theory]
    [InlineData("/predictions?decade=abc")]
    [InlineData("/predictions?decade=99999999999")]
    [InlineData("/predictions?decade=-2020")]
    [InlineData("/predictions?decade=2020.5")]
    [InlineData("/predictions?decade=%E2%80%8B2020")]
    [InlineData("/predictions?decade=1850")]
    [InlineData("/predictions?decade=2025")]
    [InlineData("/predictions?decade=2030")]
    [InlineData("/predictions?profile=no-such-profile")]
    [InlineData("/predictions?decade=abc&profile=%00")]
    public async Task BadPredictionsAddressAnswersTheFriendlyNotFoundPageWithStatus404(string url)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        html.Should().Contain("Page not found").And.NotContain("Something went wrong");
        html.Should().NotContain("Exception").And.NotContain("   at ");
    }

    [Theory]
    [InlineData("/predictions")]
    [InlineData("/predictions?decade=")]
    [InlineData("/predictions?decade=1990&profile=balanced")]
    public async Task GoodPredictionsAddressAnswersOk(string url)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("predictions").And.NotContain("Page not found");
    }

    [Fact]
    public async Task UnknownApiPathAnswersWithProblemDetails()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/no-such-endpoint", UriKind.Relative), ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task HealthEndpointAnswersHealthy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        using var client = app.CreateClient();

        var body = await client.GetStringAsync(new Uri("/health", UriKind.Relative), ct);

        // A JSON report per check (database, queue); its shape is tested in Web/Api.
        body.Should().StartWith("{\"status\":\"Healthy\"");
    }

    [Fact]
    public async Task EveryRegisteredServiceResolves()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        using var client = app.CreateClient();
        var registrations = app.Registrations!.ToList();

        await using var scope = app.Services.CreateAsyncScope();

        // As a request or circuit does first: services such as MudBlazor's snackbar read the current address.
        var navigation = (IHostEnvironmentNavigationManager)scope.ServiceProvider.GetRequiredService<NavigationManager>();
        navigation.Initialize("http://localhost/", "http://localhost/");
        var failures = new List<string>();
        foreach (var descriptor in registrations.Where(IsResolvable))
        {
            try
            {
                var resolved = descriptor.IsKeyedService
                    ? scope.ServiceProvider.GetRequiredKeyedService(descriptor.ServiceType, descriptor.ServiceKey)
                    : scope.ServiceProvider.GetRequiredService(descriptor.ServiceType);
                resolved.Should().NotBeNull();
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                failures.Add($"{descriptor.ServiceType.FullName}: {ex.Message}");
            }
        }

        registrations.Should().Contain(d => d.ServiceType == typeof(Cinegraph.Core.Catalog.CatalogService));
        failures.Should().BeEmpty(string.Join(Environment.NewLine, failures));
    }

    // Open generics are closed only by their consumers; the framework's own internal types are its business; a
    // Circuit exists only inside a Blazor circuit.
    private static bool IsResolvable(ServiceDescriptor descriptor) =>
        !descriptor.ServiceType.ContainsGenericParameters
        && descriptor.ServiceType != typeof(Circuit)
        && (descriptor.ServiceType.IsPublic || descriptor.ServiceType.IsNestedPublic || IsOurs(descriptor.ServiceType));

    private static bool IsOurs(Type type) =>
        type.Assembly.GetName().Name?.StartsWith("Cinegraph", StringComparison.Ordinal) == true;
}
