using System.Globalization;
using Cinegraph.Core.Caching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// When <see cref="RefreshScheduleOptions.Enabled"/>, queues once a day, at <see cref="RefreshScheduleOptions.TimeOfDay"/>
/// (UTC), a refresh of every active profile that has a stale or invalid row (<see cref="CacheRowCounts"/>). Several
/// nodes may run it: a profile has at most one unfinished job, so they queue it once.
/// </summary>
public sealed class StaleRefreshScheduler(
    IOptions<RefreshScheduleOptions> options,
    CacheStatusReader status,
    RefreshManager refresh,
    TimeProvider time,
    ILogger<StaleRefreshScheduler> logger) : BackgroundService
{
    private readonly RefreshScheduleOptions _options = options.Value;
    private readonly Lock _gate = new();
    private DateTimeOffset? _waitingFor;

    public bool Enabled => _options.Enabled;

    /// <summary>When it runs next (the run it waits for, once it waits); null when it is off.</summary>
    public DateTimeOffset? NextRun
    {
        get
        {
            lock (_gate)
            {
                return _waitingFor ?? _options.NextRunAfter(time.GetUtcNow());
            }
        }
    }

    /// <summary>True while it waits for its next run.</summary>
    public bool Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waitingFor is not null;
            }
        }
    }

    /// <summary>Queues a refresh of each profile with a stale or invalid row; returns the jobs (a profile's running job with Conflict).</summary>
    public async Task<IReadOnlyList<EnqueueResult>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var counts = CacheRowCounts.From(await status.GetStatusAsync(cancellationToken));
        var results = new List<EnqueueResult>();
        foreach (var profileId in counts.ProfilesToRefresh)
        {
            try
            {
                results.Add(await refresh.EnqueueAsync(profileId, cancellationToken: cancellationToken));
            }
            catch (KeyNotFoundException)
            {
                // Deleted since the status was read: nothing to refresh.
            }
        }

        var queued = results.Count(r => !r.Conflict);
        var profiles = string.Join(",", counts.ProfilesToRefresh.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        JobsLog.ScheduleRan(logger, queued, profiles);
        return results;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = _options.NextRunAfter(time.GetUtcNow())!.Value;
            JobsLog.ScheduleNextRun(logger, next);
            try
            {
                lock (_gate)
                {
                    _waitingFor = next;
                }

                // Measured after the run is announced, so a clock that moves meanwhile shortens the wait, never skips the run.
                var wait = next - time.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
                lock (_gate)
                {
                    _waitingFor = null;
                }

                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run (database down, say) is logged; the next day's run tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                JobsLog.ScheduleFailed(logger, ex);
            }
        }
    }
}
