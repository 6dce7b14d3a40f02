using Cinegraph.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cinegraph.Web.Api;

/// <summary>Healthy while the database is the one the app opened and takes writes (<see cref="DatabaseStorage"/>).</summary>
internal sealed class StorageHealthCheck(DatabaseStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await storage.FindProblemAsync(cancellationToken) is { } problem
            ? HealthCheckResult.Unhealthy(problem)
            : HealthCheckResult.Healthy("The database is the one opened and takes writes.");
}
