using Cinegraph.Core.Events;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Cinegraph.Web.Hubs;

/// <summary>
/// What clients of <c>/hubs/predictions</c> receive (method names as here, payloads camelCase): every refresh job's
/// queueing, progress, each decade written and completion. Anyone may listen; clients call nothing. Failures and
/// cancellations (<see cref="RefreshFailed"/>, with their error text) go to administrators only: a visitor hears at
/// most that a refresh is running.
/// </summary>
public interface IPredictionsClient
{
    Task RefreshQueued(RefreshQueued message);

    Task RefreshProgress(RefreshProgress message);

    Task DecadeCached(DecadeCached message);

    Task RefreshCompleted(RefreshCompleted message);

    Task RefreshFailed(RefreshFailed message);
}

/// <summary>The push channel for clients outside Blazor; the server only sends (see <see cref="PredictionsHubBridge"/>).</summary>
public sealed class PredictionsHub : Hub<IPredictionsClient>
{
    public const string Path = "/hubs/predictions";

    /// <summary>The group of connections opened by a signed-in administrator; it alone hears <see cref="RefreshFailed"/>.</summary>
    public const string AdminsGroup = "admins";

    public override async Task OnConnectedAsync()
    {
        if (AdminAccount.IsAdmin(Context.User))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AdminsGroup, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }
}

/// <summary>
/// Forwards every <see cref="PredictionEvent"/> to all hub clients. Subscribes when the host starts and disposes the
/// subscription when it stops, so no event is sent into a hub that is shutting down. When the hub is scaled out through
/// Redis, a send reaches the clients of every node, so only the node where an event happened sends it (an event relayed
/// from another node through PostgreSQL was sent there).
/// </summary>
internal sealed class PredictionsHubBridge(
    IPredictionEvents events, IHubContext<PredictionsHub, IPredictionsClient> hub, PostgresEventRelay relay, HubScaleOut scaleOut) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription ??= events.Subscribe(ForwardAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _subscription, null)?.Dispose();
    }

    private Task ForwardAsync(PredictionEvent predictionEvent) => scaleOut.ThroughRedis && relay.IsRelayed(predictionEvent) ? Task.CompletedTask : predictionEvent switch
    {
        RefreshQueued e => hub.Clients.All.RefreshQueued(e),
        RefreshProgress e => hub.Clients.All.RefreshProgress(e),
        DecadeCached e => hub.Clients.All.DecadeCached(e),
        RefreshCompleted e => hub.Clients.All.RefreshCompleted(e),
        RefreshFailed e => hub.Clients.Group(PredictionsHub.AdminsGroup).RefreshFailed(e),
        _ => Task.CompletedTask,
    };
}

public static class PredictionsHubExtensions
{
    /// <summary>
    /// Registers SignalR and the bridge from <see cref="IPredictionEvents"/> to <see cref="PredictionsHub"/>; with
    /// <paramref name="redis"/> (a StackExchange.Redis configuration string) the hub is scaled out through Redis
    /// (channels prefixed <see cref="HubScaleOut.ChannelPrefix"/>).
    /// </summary>
    public static IServiceCollection AddPredictionsHub(this IServiceCollection services, string? redis)
    {
        ArgumentNullException.ThrowIfNull(services);
        var signalR = services.AddSignalR();
        var scaleOut = new HubScaleOut(!string.IsNullOrWhiteSpace(redis));
        if (scaleOut.ThroughRedis)
        {
            signalR.AddStackExchangeRedis(redis!, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(HubScaleOut.ChannelPrefix));
        }

        services.AddSingleton(scaleOut);
        services.AddHostedService<PredictionsHubBridge>();
        return services;
    }

    public static IEndpointRouteBuilder MapPredictionsHub(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHub<PredictionsHub>(PredictionsHub.Path).AllowAnonymous();
        return endpoints;
    }
}

/// <summary>Whether the hub is scaled out through Redis (<c>ConnectionStrings:Redis</c> set).</summary>
public sealed record HubScaleOut(bool ThroughRedis)
{
    /// <summary>The prefix of the hub's Redis channels.</summary>
    public const string ChannelPrefix = "cinegraph";
}
