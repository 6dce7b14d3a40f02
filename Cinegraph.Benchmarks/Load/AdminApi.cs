using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cinegraph.Benchmarks.Load;

/// <summary>The app's admin API as a script uses it: JSON login (cookie), refreshes, and polling a job to its end.</summary>
public sealed class AdminApi : IDisposable
{
    private static readonly string[] s_finished = ["completed", "failed", "cancelled"];
    private readonly HttpClient _client;

    public AdminApi(string baseUrl)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseUrl) };
    }

    public async Task SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/login", new { userName, password }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Refreshes one profile (all decades) and returns once its job completed.</summary>
    public async Task RefreshAsync(string profile, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync("/api/refresh", new { profile }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        await WaitAsync(body.RootElement.GetProperty("job").GetProperty("id").GetInt64(), cancellationToken);
    }

    /// <summary>Queues a refresh of every profile and returns the job ids.</summary>
    public async Task<IReadOnlyList<long>> RefreshAllAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/refresh/all");
        using var response = await _client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return [.. body.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("job").GetProperty("id").GetInt64())];
    }

    /// <summary>Polls <c>GET /api/jobs/{id}</c> until the job finished; throws unless it completed; returns the node that ran it.</summary>
    public async Task<string?> WaitAsync(long job, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            using var body = JsonDocument.Parse(await _client.GetStringAsync(new Uri($"/api/jobs/{job}", UriKind.Relative), cancellationToken));
            var state = body.RootElement.GetProperty("state").GetString();
            if (state == "completed")
            {
                return body.RootElement.TryGetProperty("attemptedBy", out var node) ? node.GetString() : null;
            }

            if (s_finished.Contains(state) || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Job {job} ended as {state}: {body.RootElement}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public void Dispose() => _client.Dispose();
}
