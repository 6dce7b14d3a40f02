using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Cinegraph.Core.Events;
using Cinegraph.Tests.Jobs;
using Cinegraph.Tests.Web.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cinegraph.Tests.Web.Hubs;

/// <summary>
/// A real SignalR .NET client on the real app, served by Kestrel on a free loopback port (WebSockets, no test
/// handler): it hears a job started through the API from queueing to completion.
/// </summary>
public sealed class PredictionsHubTests
{
    [Fact]
    public async Task AnonymousClientReceivesRefreshCompletedForAJobStartedThroughTheApi()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ApiApp.CreateAsync(cancellationToken: ct);
        app.Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.Factory.StartServer();
        var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var received = Channel.CreateUnbounded<(string Method, long JobId)>();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/predictions")).Build();
        await using (connection)
        {
            connection.On<RefreshQueued>("RefreshQueued", e => received.Writer.TryWrite(("RefreshQueued", e.JobId)));
            connection.On<RefreshProgress>("RefreshProgress", e => received.Writer.TryWrite(("RefreshProgress", e.JobId)));
            connection.On<DecadeCached>("DecadeCached", e => received.Writer.TryWrite(("DecadeCached", e.JobId)));
            connection.On<RefreshFailed>("RefreshFailed", e => received.Writer.TryWrite(("RefreshFailed", e.JobId)));
            var completed = new TaskCompletionSource<RefreshCompleted>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.On<RefreshCompleted>("RefreshCompleted", e =>
            {
                received.Writer.TryWrite(("RefreshCompleted", e.JobId));
                completed.TrySetResult(e);
            });
            await connection.StartAsync(ct);

            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
            using var client = new HttpClient(handler) { BaseAddress = baseAddress };
            using (var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = ApiApp.AdminUserName, password = ApiApp.AdminPassword }, ct))
            {
                login.StatusCode.Should().Be(HttpStatusCode.OK);
            }

            using var refresh = await client.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, ct);
            var jobId = (await ApiApp.JsonAsync(refresh, ct)).GetProperty("job").GetProperty("id").GetInt64();
            var done = await completed.Task.WaitAsync(Eventually.Timeout, ct);

            done.JobId.Should().Be(jobId);
            done.ProfileId.Should().Be(1);
            received.Writer.TryComplete();
            var methods = new List<string>();
            await foreach (var (method, id) in received.Reader.ReadAllAsync(ct))
            {
                id.Should().Be(jobId);
                methods.Add(method);
            }

            methods.Should().StartWith("RefreshQueued").And.EndWith("RefreshCompleted").And.Contain("RefreshProgress").And.Contain("DecadeCached")
                .And.NotContain("RefreshFailed");
        }
    }

    [Fact]
    public async Task BridgeUnsubscribesWhenTheHostStops()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ApiApp.CreateAsync(cancellationToken: ct);
        var events = app.Services.GetRequiredService<IPredictionEvents>();
        var bridge = app.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "PredictionsHubBridge");
        var subscribed = events.SubscriberCount;

        await bridge.StopAsync(ct);

        events.SubscriberCount.Should().Be(subscribed - 1);
    }
}
