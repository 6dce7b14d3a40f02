using System.Net;
using Cinegraph.Core.Caching;
using Cinegraph.Tests.Web.Browser;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace Cinegraph.Tests.Web.Api;

/// <summary><c>GET /api/predictions</c> reads the same model as the page: no SQL when warm, one statement on an L1 miss of the row.</summary>
public sealed class PredictionsApiSqlTests
{
    [Fact]
    public async Task AWarmReadRunsNoSqlAndAnL1MissRunsOneStatement()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PredictionsApp.CreateAsync(films: 600, ct, countCommands: true);
        app.Release.TrySetResult();
        using var client = app.CreateClient();
        await WarmViewBrowserTests.ComputeBalancedAsync(app.Services, ct);
        (await client.GetAsync(new Uri("/api/predictions?decade=2020&profile=balanced&limit=100", UriKind.Relative), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var commands = app.Commands!;

        commands.Reset();
        var warm = await client.GetStringAsync(new Uri("/api/predictions?decade=2020&profile=balanced&limit=100", UriKind.Relative), ct);
        commands.Count.Should().Be(0, because: "a warm read is memory only, but it ran: " + string.Join(" | ", commands.Commands));
        warm.Should().Contain("\"status\":\"ready\"");

        await app.Services.GetRequiredService<IFusionCache>().RemoveAsync(CacheKeys.Predictions(2020, 1), token: ct);
        commands.Reset();
        var missed = await client.GetStringAsync(new Uri("/api/predictions?decade=2020&profile=balanced&limit=100", UriKind.Relative), ct);
        commands.Commands.Should().ContainSingle().Which.Should().Contain("prediction_cache");
        missed.Should().Be(warm);
    }
}
