using System.Text.Json;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cinegraph.Web.Api;

/// <summary>
/// <c>GET /health</c>: the database answers a query, is the one the app opened and takes writes, and the refresh worker
/// runs; <c>GET /health/ready</c>: the database checks only; <c>GET /health/live</c>: none (the process answers). A JSON
/// body per check; 503 when one is unhealthy.
/// </summary>
internal static class HealthEndpoints
{
    public const string Path = "/health";

    /// <summary>Readiness: the checks tagged <see cref="ReadyTag"/> (the database answers, is the one opened, takes writes).</summary>
    public const string ReadyPath = "/health/ready";

    public const string ReadyTag = "ready";

    /// <summary>Liveness: the process serves requests; no check runs (a database outage is readiness's business, not a reason to restart).</summary>
    public const string LivePath = "/health/live";

    public static IServiceCollection AddCinegraphHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<QueueHealthCheck>("queue");
        return services;
    }

    public static IEndpointRouteBuilder MapCinegraphHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = c => c.Tags.Contains(ReadyTag) })
            .AllowAnonymous();
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = _ => false }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>Check data that names the machine or process (host name, process id): for administrators only.</summary>
    private static readonly HashSet<string> s_adminOnlyData = ["node"];

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var admin = AdminAccount.IsAdmin(context.User);
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    durationMs = e.Value.Duration.TotalMilliseconds,
                    data = admin ? e.Value.Data : e.Value.Data.Where(d => !s_adminOnlyData.Contains(d.Key)).ToDictionary(),
                }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}

/// <summary>Healthy when the catalogue's database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<CinegraphDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var profiles = await db.Profiles.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answers.", new Dictionary<string, object> { ["profiles"] = profiles });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

/// <summary>Healthy while the refresh worker runs; reports how many jobs wait and run.</summary>
internal sealed class QueueHealthCheck(RefreshWorker worker, IDbContextFactory<CinegraphDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var running = worker.ExecuteTask is { IsCompleted: false };
        var data = new Dictionary<string, object> { ["node"] = worker.Node, ["worker"] = running ? "running" : "stopped" };
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var counts = await db.RefreshJobs.AsNoTracking()
                .Where(j => JobStates.Unfinished.Contains(j.State))
                .GroupBy(j => j.State)
                .Select(g => new { State = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var state in JobStates.Unfinished)
            {
                data[state] = counts.FirstOrDefault(c => c.State == state)?.Count ?? 0;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database check reports the cause; here the counts are just left out.
            data["jobs"] = "unavailable";
        }

        return running
            ? HealthCheckResult.Healthy("The refresh worker runs.", data)
            : HealthCheckResult.Unhealthy("The refresh worker does not run.", data: data);
    }
}
