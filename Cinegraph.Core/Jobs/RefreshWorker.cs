using Cinegraph.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Runs refresh jobs: <see cref="JobOptions.Concurrency"/> consumers read job ids from the <see cref="RefreshQueue"/>,
/// claim each through the <see cref="JobLedger"/> (the row is the truth; a lost claim is skipped) and run it as a
/// <see cref="JobAttempt"/>. At start and every <see cref="JobOptions.PollInterval"/> it queues the due jobs the channel
/// did not bring and, on the node holding the <see cref="MaintenanceLease"/>, rescues dead jobs and, every
/// <see cref="JobOptions.PruneInterval"/>, prunes old finished jobs. On
/// shutdown it claims nothing more, lets running jobs go on for <see cref="JobOptions.ShutdownGrace"/>, then cancels
/// them and puts them back as available. Its loops log their errors and never stop the host. Hosts add it with
/// <c>AddRefreshWorker()</c>.
/// </summary>
public sealed class RefreshWorker : BackgroundService
{
    private readonly JobLedger _ledger;
    private readonly RefreshQueue _queue;
    private readonly RunningJobs _runningJobs;
    private readonly JobRescuer _rescuer;
    private readonly JobPruner _pruner;
    private readonly MaintenanceLease _lease;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IPredictionEvents _events;
    private readonly TimeProvider _timeProvider;
    private readonly JobOptions _options;
    private readonly ILogger<RefreshWorker> _logger;
    private readonly JobResilience _resilience;
    private readonly JobMetrics _metrics;

    // Fires when the shutdown grace is over: cancels running jobs and gives up database writes still being retried.
    private readonly CancellationTokenSource _hardStop = new();

    public RefreshWorker(
        JobLedger ledger,
        RefreshQueue queue,
        RunningJobs runningJobs,
        JobRescuer rescuer,
        JobPruner pruner,
        MaintenanceLease lease,
        IServiceScopeFactory scopeFactory,
        IPredictionEvents events,
        TimeProvider timeProvider,
        IOptions<JobOptions> options,
        JobMetrics metrics,
        ILogger<RefreshWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ledger = ledger;
        _queue = queue;
        _runningJobs = runningJobs;
        _rescuer = rescuer;
        _pruner = pruner;
        _lease = lease;
        _scopeFactory = scopeFactory;
        _events = events;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
        _resilience = new JobResilience(_options, timeProvider, logger);
    }

    /// <summary>This node's name, written to the jobs it claims.</summary>
    public string Node => _options.Node;

    public override void Dispose()
    {
        _hardStop.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        JobsLog.WorkerStarted(_logger, Node, _options.Concurrency);
        var consumers = Enumerable.Range(0, _options.Concurrency).Select(_ => ConsumeAsync(stoppingToken)).ToList();
        var maintenance = MaintainAsync(stoppingToken);
        var all = Task.WhenAll([.. consumers, maintenance]);

        await Task.WhenAny(all, Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken));

        JobsLog.WorkerStopping(_logger, Node, _runningJobs.Ids.Count, _options.ShutdownGrace);
        if (!all.IsCompleted && _options.ShutdownGrace > TimeSpan.Zero)
        {
            using var graceOver = new CancellationTokenSource();
            var grace = Task.Delay(_options.ShutdownGrace, _timeProvider, graceOver.Token);
            await Task.WhenAny(all, grace);
            await graceOver.CancelAsync();
        }

        await _hardStop.CancelAsync();
        await all;
        JobsLog.WorkerStopped(_logger, Node);
    }

    /// <summary>Queues every due waiting job the channel may have missed; returns how many ids were written.</summary>
    internal async Task<int> QueueDueJobsAsync(CancellationToken cancellationToken)
    {
        var due = await _ledger.DueJobIdsAsync(_options.ChannelCapacity, cancellationToken);
        _metrics.DueJobsSeen(due.Count);
        return due.Count(_queue.TryEnqueue);
    }

    /// <summary>Counts the jobs by state for the <c>cinegraph.jobs.by_state</c> gauge; returns how many states have jobs.</summary>
    private async Task<int> CountStatesAsync(CancellationToken cancellationToken)
    {
        var byState = await _ledger.CountByStateAsync(cancellationToken);
        _metrics.StatesCounted(byState);
        return byState.Count;
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            long jobId;
            try
            {
                jobId = await _queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // Checked again: an id read just as the shutdown began is left for the next start.
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // An attempt of this job that lost its row (rescued elsewhere) may still be winding down here; the next
            // poll brings the id again once it has.
            if (_runningJobs.IsRunning(jobId))
            {
                continue;
            }

            try
            {
                var job = await JobResilience.RunAsync(_resilience.Transient, "claim", ct => _ledger.ClaimAsync(jobId, ct), _hardStop.Token);
                if (job is not null)
                {
                    JobsLog.JobClaimed(_logger, job.Id, Node, job.Attempt, job.MaxAttempts);
                    await new JobAttempt(job, _ledger, _resilience, _runningJobs, _scopeFactory, _events, _timeProvider, _options, _metrics, _logger, _hardStop.Token).RunAsync();
                }
            }
            catch (OperationCanceledException) when (_hardStop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A consumer must outlive any one job's trouble; the row stays for the poller or rescuer.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                JobsLog.JobRunFailed(_logger, jobId, ex);
            }
        }
    }

    private async Task MaintainAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(_options.PollInterval, _timeProvider);
        var nextPrune = _timeProvider.GetUtcNow();
        try
        {
            do
            {
                // Every node polls; only the lease holder rescues and prunes.
                var leader = await HoldsLeaseAsync(stoppingToken);
                if (leader)
                {
                    await SafelyAsync("rescue", () => _rescuer.RescueAsync(stoppingToken), stoppingToken);
                }

                await SafelyAsync("poll", () => QueueDueJobsAsync(stoppingToken), stoppingToken);
                await SafelyAsync("count", () => CountStatesAsync(stoppingToken), stoppingToken);
                if (leader && _timeProvider.GetUtcNow() >= nextPrune)
                {
                    await SafelyAsync("prune", () => _pruner.PruneAsync(stoppingToken), stoppingToken);
                    nextPrune = _timeProvider.GetUtcNow() + _options.PruneInterval;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            await _lease.ReleaseAsync();
        }
    }

    private async Task<bool> HoldsLeaseAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await _lease.TryHoldAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The database is away: no lease this tick; the next tick tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            JobsLog.MaintenanceFailed(_logger, "lease", ex);
            return false;
        }
    }

    private async Task SafelyAsync(string operation, Func<Task<int>> action, CancellationToken stoppingToken)
    {
        try
        {
            await action();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed pass (database down, say) is logged; the next tick tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            JobsLog.MaintenanceFailed(_logger, operation, ex);
        }
    }
}
