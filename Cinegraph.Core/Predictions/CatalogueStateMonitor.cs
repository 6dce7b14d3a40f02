using Cinegraph.Core.Caching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Predictions;

/// <summary>
/// Runs <see cref="CatalogueState.CheckAsync"/> every <see cref="CacheOptions.CatalogueCheckInterval"/> (one query, not
/// per view), so a change made by another process (the CLI import) is seen within that interval.
/// </summary>
public sealed class CatalogueStateMonitor(CatalogueState state, IOptions<CacheOptions> options, TimeProvider time, ILogger<CatalogueStateMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatalogueCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await state.CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && PredictionsCache.IsDatabaseFailure(ex))
            {
                // An outage: the snapshot in memory is served meanwhile.
                CatalogueStateLog.CheckFailed(logger, ex);
            }
        }
    }
}
