using System.Net;
using System.Net.Http.Json;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cinegraph.Tests.Web.Api;

/// <summary>
/// The admin side of the queue. The job body waits on a gate the test opens, so a job is reliably still running
/// when the second request comes (the three-film catalogue would otherwise finish it within milliseconds).
/// </summary>
public sealed class RefreshApiTests : IAsyncLifetime
{
    private static readonly int[] s_lastDecade = [2020];
    private static readonly int[] s_notADecade = [1995];

    private readonly TestJobHandler _handler = new();
    private readonly TaskCompletionSource _gate = TestJobHandler.NewGate();
    private ApiApp _app = default!;

    public async ValueTask InitializeAsync()
    {
        _handler.Body = (_, _, ct) => _gate.Task.WaitAsync(ct);
        _app = await ApiApp.CreateAsync(
            services: s => s.Replace(ServiceDescriptor.Singleton<IRefreshJobHandler>(_handler)),
            cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _gate.TrySetResult();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AdminRefreshIsAcceptedAndASecondOneConflictsWithTheSameJob()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await _app.CreateAdminClientAsync(ct);

        using var first = await client.PostAsJsonAsync("/api/refresh", new { profile = "award-winner" }, ct);
        using var second = await client.PostAsJsonAsync("/api/refresh", new { profile = "award-winner" }, ct);
        var firstBody = await ApiApp.JsonAsync(first, ct);
        var secondBody = await ApiApp.JsonAsync(second, ct);

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        firstBody.GetProperty("conflict").GetBoolean().Should().BeFalse();
        secondBody.GetProperty("conflict").GetBoolean().Should().BeTrue();
        var job = firstBody.GetProperty("job");
        var id = job.GetProperty("id").GetInt64();
        secondBody.GetProperty("job").GetProperty("id").GetInt64().Should().Be(id);
        first.Headers.Location!.ToString().Should().Be($"/api/jobs/{id}");
        job.GetProperty("state").GetString().Should().Be("available");
        job.GetProperty("attempt").GetInt32().Should().Be(0);
        job.GetProperty("maxAttempts").GetInt32().Should().BeGreaterThan(0);
        job.GetProperty("progress").GetProperty("done").GetInt32().Should().Be(0);
        JobStates.All.Should().Contain(secondBody.GetProperty("job").GetProperty("state").GetString());
    }

    [Fact]
    public async Task CancelledJobCanBeRetriedAsANewJob()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await _app.CreateAdminClientAsync(ct);
        using var refresh = await client.PostAsJsonAsync("/api/refresh", new { profile = "critics-choice", decades = s_lastDecade }, ct);
        var id = (await ApiApp.JsonAsync(refresh, ct)).GetProperty("job").GetProperty("id").GetInt64();
        await ApiApp.WaitForJobStateAsync(client, id, "executing");

        using var cancel = await client.PostAsync(new Uri($"/api/jobs/{id}/cancel", UriKind.Relative), null, ct);
        var cancelBody = await ApiApp.JsonAsync(cancel, ct);
        await ApiApp.WaitForJobStateAsync(client, id, "cancelled");
        using var retry = await client.PostAsync(new Uri($"/api/jobs/{id}/retry", UriKind.Relative), null, ct);
        var retryBody = await ApiApp.JsonAsync(retry, ct);

        cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        cancelBody.GetProperty("outcome").GetString().Should().Be("requested");
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        retryBody.GetProperty("conflict").GetBoolean().Should().BeFalse();
        retryBody.GetProperty("job").GetProperty("id").GetInt64().Should().BeGreaterThan(id);
        retryBody.GetProperty("job").GetProperty("decades").EnumerateArray().Select(d => d.GetInt32()).Should().Equal(2020);
    }

    [Fact]
    public async Task RefreshOfAnUnknownProfileOrDecadeIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await _app.CreateAdminClientAsync(ct);

        using var unknownProfile = await client.PostAsJsonAsync("/api/refresh", new { profile = "no-such-profile" }, ct);
        using var unknownDecade = await client.PostAsJsonAsync("/api/refresh", new { profile = "balanced", decades = s_notADecade }, ct);

        unknownProfile.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknownProfile.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        unknownDecade.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AdminCanClearOneProfileOrTheWholeCache()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await _app.CreateAdminClientAsync(ct);

        using var one = await client.DeleteAsync(new Uri("/api/cache/balanced", UriKind.Relative), ct);
        using var unknown = await client.DeleteAsync(new Uri("/api/cache/no-such-profile", UriKind.Relative), ct);
        using var all = await client.DeleteAsync(new Uri("/api/cache", UriKind.Relative), ct);

        one.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiApp.JsonAsync(one, ct)).GetProperty("profile").GetString().Should().Be("balanced");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        all.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiApp.JsonAsync(all, ct)).GetProperty("deletedRows").GetInt32().Should().BeGreaterThanOrEqualTo(0);
    }
}
