using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cinegraph.Tests.Web.Api;

/// <summary>
/// A refresh that failed, read through the public endpoints: visitors learn only that it failed, administrators the
/// message and the exception type; nobody gets a stack trace.
/// </summary>
public sealed class JobErrorVisibilityTests : IAsyncLifetime
{
    private const string Secret = "could not open /srv/cinegraph/secret.db";

    private readonly TestJobHandler _handler = new()
    {
        Body = async (_, _, _) =>
        {
            await Task.Yield();
            throw new IOException(Secret);
        },
    };

    private ApiApp _app = default!;

    public async ValueTask InitializeAsync() => _app = await ApiApp.CreateAsync(
        services: s => s.Replace(ServiceDescriptor.Singleton<IRefreshJobHandler>(_handler)),
        cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnonymousReadersOfAFailedJobSeeOnlyThatTheRefreshFailed()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await FailAJobAsync(ct);
        using var anonymous = _app.CreateClient();

        var job = await anonymous.GetStringAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), ct);
        var status = await anonymous.GetStringAsync(new Uri("/api/cache/status", UriKind.Relative), ct);

        foreach (var body in new[] { job, status })
        {
            body.Should().NotContain("secret.db").And.NotContain("/srv").And.NotContain("IOException").And.NotContain("System.")
                .And.NotContain("   at ");
        }

        var errors = JsonDocument.Parse(job).RootElement.GetProperty("errors");
        errors.GetArrayLength().Should().Be(1);
        errors[0].GetProperty("message").GetString().Should().Be(JobErrors.VisitorMessage);
        errors[0].GetProperty("type").ValueKind.Should().Be(JsonValueKind.Null);
        LatestJobOfBalanced(status).GetProperty("lastError").GetString().Should().Be(JobErrors.VisitorMessage);
    }

    [Fact]
    public async Task AdminsSeeTheMessageAndTypeButNoStackTrace()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await FailAJobAsync(ct);
        using var admin = await _app.CreateAdminClientAsync(ct);

        var job = await admin.GetStringAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), ct);
        var status = await admin.GetStringAsync(new Uri("/api/cache/status", UriKind.Relative), ct);

        var error = JsonDocument.Parse(job).RootElement.GetProperty("errors")[0];
        error.GetProperty("message").GetString().Should().Be(Secret);
        error.GetProperty("type").GetString().Should().Be("System.IO.IOException");
        var latest = LatestJobOfBalanced(status);
        latest.GetProperty("lastError").GetString().Should().Be(Secret);
        latest.GetProperty("lastErrorType").GetString().Should().Be("System.IO.IOException");
        job.Should().NotContain("   at ").And.NotContain(".cs:line");
    }

    private static JsonElement LatestJobOfBalanced(string status) =>
        JsonDocument.Parse(status).RootElement.GetProperty("profiles").EnumerateArray()
            .Single(p => p.GetProperty("slug").GetString() == "balanced").GetProperty("latestJob");

    private async Task<long> FailAJobAsync(CancellationToken ct)
    {
        using var admin = await _app.CreateAdminClientAsync(ct);
        using var refresh = await admin.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, ct);
        refresh.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await ApiApp.JsonAsync(refresh, ct)).GetProperty("job").GetProperty("id").GetInt64();
        await ApiApp.WaitForJobStateAsync(admin, id, JobStates.Retryable);
        return id;
    }
}
