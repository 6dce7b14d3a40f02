using System.Net;
using System.Net.Http.Json;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Data;
using Cinegraph.Tests.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Web.Api;

/// <summary>Damaged cache rows through the real app: the public reads answer 200 "missing" (never 500), the status says "damaged".</summary>
public sealed class DamagedRowApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("unknown category index")]
    [InlineData("total score NaN")]
    [InlineData("likelihood 1e400")]
    [InlineData("total score 250")]
    [InlineData("metadata []")]
    [InlineData("entries not JSON")]
    public async Task DamagedPredictionRowIsMissingOnTheApiAndDamagedInTheStatus(string damage)
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var client = await RefreshBalancedAsync(app);
        var factory = app.Services.GetRequiredService<IDbContextFactory<CinegraphDbContext>>();
        await CacheRowDamage.ApplyAsync(factory, "prediction_cache", CacheRowDamage.PredictionRow(1990, 1), CacheRowDamage.PredictionDamages[damage], Ct);
        await app.Services.GetRequiredService<PredictionsCache>().InvalidateAllAsync(Ct);

        using var predictions = await client.GetAsync(new Uri("/api/predictions?decade=1990&profile=balanced", UriKind.Relative), Ct);
        using var other = await client.GetAsync(new Uri("/api/predictions?decade=1930&profile=balanced", UriKind.Relative), Ct);
        using var status = await client.GetAsync(new Uri("/api/cache/status", UriKind.Relative), Ct);

        predictions.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiApp.JsonAsync(predictions, Ct)).GetProperty("status").GetString().Should().Be("missing");
        (await ApiApp.JsonAsync(other, Ct)).GetProperty("status").GetString().Should().Be("ready");
        status.StatusCode.Should().Be(HttpStatusCode.OK);
        var decades = (await ApiApp.JsonAsync(status, Ct)).GetProperty("profiles")[0].GetProperty("decades").EnumerateArray().ToList();
        decades.Single(d => d.GetProperty("decade").GetInt32() == 1990).GetProperty("state").GetString().Should().Be("damaged");
        decades.Single(d => d.GetProperty("decade").GetInt32() == 1930).GetProperty("state").GetString().Should().Be("fresh");
    }

    [Fact]
    public async Task DamagedValidationAndComparisonRowsAreMissingOnTheApiAndDamagedInTheStatus()
    {
        await using var app = await ApiApp.CreateAsync(cancellationToken: Ct);
        using var client = await RefreshBalancedAsync(app);
        var factory = app.Services.GetRequiredService<IDbContextFactory<CinegraphDbContext>>();
        await CacheRowDamage.ApplyAsync(factory, "validation_cache", "\"ProfileId\" = 1", CacheRowDamage.ValidationDamages["metadata []"], Ct);
        await CacheRowDamage.ApplyAsync(factory, "comparison_cache", "1 = 1", CacheRowDamage.ComparisonDamages["micro accuracy NaN"], Ct);
        await app.Services.GetRequiredService<PredictionsCache>().InvalidateAllAsync(Ct);

        using var validation = await client.GetAsync(new Uri("/api/validation?profile=balanced", UriKind.Relative), Ct);
        using var comparison = await client.GetAsync(new Uri("/api/comparison", UriKind.Relative), Ct);
        using var status = await client.GetAsync(new Uri("/api/cache/status", UriKind.Relative), Ct);

        validation.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiApp.JsonAsync(validation, Ct)).GetProperty("status").GetString().Should().Be("missing");
        comparison.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiApp.JsonAsync(comparison, Ct)).GetProperty("status").GetString().Should().Be("missing");
        var body = await ApiApp.JsonAsync(status, Ct);
        body.GetProperty("profiles")[0].GetProperty("validation").GetProperty("state").GetString().Should().Be("damaged");
        body.GetProperty("comparison").GetProperty("state").GetString().Should().Be("damaged");
    }

    private static async Task<HttpClient> RefreshBalancedAsync(ApiApp app)
    {
        var client = await app.CreateAdminClientAsync(Ct);
        using var refresh = await client.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, Ct);
        var jobId = (await ApiApp.JsonAsync(refresh, Ct)).GetProperty("job").GetProperty("id").GetInt64();
        await ApiApp.WaitForJobStateAsync(client, jobId, "completed");
        return client;
    }
}
