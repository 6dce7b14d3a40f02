using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Jobs;
using Cinegraph.Tests.Web.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    public async Task OnlyAdminListenersHearThatARefreshFailed()
    {
        var ct = TestContext.Current.CancellationToken;
        var handler = new TestJobHandler { Body = (_, _, _) => throw new IOException("could not open /srv/cinegraph/secret.db") };
        await using var app = await ApiApp.CreateAsync(
            services: s => s.Replace(ServiceDescriptor.Singleton<IRefreshJobHandler>(handler)), cancellationToken: ct);
        app.Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.Factory.StartServer();
        var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(cookies) { BaseAddress = baseAddress };
        using (var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = ApiApp.AdminUserName, password = ApiApp.AdminPassword }, ct))
        {
            login.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var adminHeard = Channel.CreateUnbounded<string>();
        var visitorHeard = Channel.CreateUnbounded<string>();
        var admin = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/predictions"), o => o.Cookies = cookies.CookieContainer).Build();
        var visitor = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/predictions")).Build();
        await using (admin)
        await using (visitor)
        {
            foreach (var (connection, heard) in new[] { (admin, adminHeard), (visitor, visitorHeard) })
            {
                connection.On<RefreshFailed>("RefreshFailed", e => heard.Writer.TryWrite($"failed {e.Error}"));
                connection.On<RefreshQueued>("RefreshQueued", e => heard.Writer.TryWrite($"queued {e.JobId}"));
                await connection.StartAsync(ct);
            }

            using var refresh = await client.PostAsJsonAsync("/api/refresh", new { profile = "balanced" }, ct);
            refresh.StatusCode.Should().Be(HttpStatusCode.Accepted);
            var adminMessages = await ReadUntilAsync(adminHeard, m => m.StartsWith("failed", StringComparison.Ordinal), ct);

            // Messages reach each connection in the order they are sent: once the visitor hears a marker sent after
            // the failure, everything sent to it before has arrived.
            await app.Services.GetRequiredService<IPredictionEvents>().PublishAsync(new RefreshQueued(-1, 1), ct);
            var visitorMessages = await ReadUntilAsync(visitorHeard, m => m == "queued -1", ct);

            adminMessages[^1].Should().Be("failed could not open /srv/cinegraph/secret.db");
            visitorMessages.Should().Contain(m => m.StartsWith("queued", StringComparison.Ordinal) && m != "queued -1", "visitors hear that a refresh runs");
            visitorMessages.Should().NotContain(m => m.StartsWith("failed", StringComparison.Ordinal));
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

    /// <summary>Every message up to and including the first that matches (bounded wait).</summary>
    private static async Task<List<string>> ReadUntilAsync(Channel<string> heard, Func<string, bool> match, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Eventually.Timeout);
        var messages = new List<string>();
        await foreach (var message in heard.Reader.ReadAllAsync(deadline.Token))
        {
            messages.Add(message);
            if (match(message))
            {
                return messages;
            }
        }

        throw new InvalidOperationException("The channel ended without the message.");
    }
}
