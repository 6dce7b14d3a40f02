using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cinegraph.Tests.Jobs;
using Cinegraph.Tests.Web.Integration;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Web.Api;

/// <summary>
/// The real app (<see cref="CinegraphAppFactory"/>: its own temp SQLite catalogue with the three-film bundle, the real
/// refresh worker and calculation) with a configured admin password, plus helpers for the API tests.
/// </summary>
internal sealed class ApiApp : IAsyncDisposable
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "correct-horse-battery-staple";

    private readonly CinegraphAppFactory _base;

    private ApiApp(CinegraphAppFactory baseFactory, WebApplicationFactory<Program> factory)
    {
        _base = baseFactory;
        Factory = factory;
    }

    public WebApplicationFactory<Program> Factory { get; }

    public IServiceProvider Services => Factory.Services;

    public static async Task<ApiApp> CreateAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        CancellationToken cancellationToken = default)
    {
        var baseFactory = await CinegraphAppFactory.CreateAsync(demo: true, cancellationToken);
        var factory = baseFactory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Admin:UserName", AdminUserName);
            builder.UseSetting("Admin:Password", AdminPassword);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        return new ApiApp(baseFactory, factory);
    }

    /// <summary>A client that keeps cookies and does not follow redirects (so they can be asserted).</summary>
    public HttpClient CreateClient() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as the administrator through <c>POST /api/auth/login</c>.</summary>
    public async Task<HttpClient> CreateAdminClientAsync(CancellationToken cancellationToken)
    {
        var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = AdminUserName, password = AdminPassword }, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _base.DisposeAsync();
    }

    /// <summary>Reads a JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);

    /// <summary>Polls <c>GET /api/jobs/{id}</c> until the job is in <paramref name="state"/> (bounded).</summary>
    public static Task<JsonElement> WaitForJobStateAsync(HttpClient client, long jobId, string state) =>
        Eventually.UntilAsync(
            async () =>
            {
                var ct = TestContext.Current.CancellationToken;
                using var response = await client.GetAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), ct);
                return await JsonAsync(response, ct);
            },
            job => job.GetProperty("state").GetString() == state,
            $"job {jobId} to be {state}");
}

/// <summary>One <see cref="ApiApp"/> per test class.</summary>
public sealed class ApiAppFixture : IAsyncLifetime
{
    internal ApiApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync() => App = await ApiApp.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
