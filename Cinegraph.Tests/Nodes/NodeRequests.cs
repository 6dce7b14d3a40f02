using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Cinegraph.Core.Events;
using Cinegraph.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Cinegraph.Tests.Nodes;

/// <summary>What the node tests ask of a running app process: queue a refresh, read JSON, listen on its hub.</summary>
internal static class NodeRequests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Queues a refresh of <paramref name="profile"/> (all decades) and returns the job's id.</summary>
    public static async Task<long> RefreshAsync(HttpClient admin, string profile)
    {
        using var response = await admin.PostAsJsonAsync("/api/refresh", new { profile }, Ct);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("job").GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative), Ct));
        return body.RootElement.Clone();
    }

    /// <summary>A hub client of <paramref name="node"/> that records the job id of every <c>RefreshCompleted</c> it hears.</summary>
    public static async Task<HubConnection> ListenAsync(AppNode node, ConcurrentQueue<long> heard)
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(node.BaseAddress, "/hubs/predictions")).Build();
        hub.On<RefreshCompleted>("RefreshCompleted", e => heard.Enqueue(e.JobId));
        await hub.StartAsync(Ct);
        return hub;
    }
}
