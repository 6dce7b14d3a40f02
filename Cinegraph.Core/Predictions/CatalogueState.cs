using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Predictions;

/// <summary>
/// The <see cref="CatalogueSnapshot"/> in memory (a singleton). Loaded on first use (four queries), kept current by the
/// published events (a job's row is read once per job event here, never per page), dropped by
/// <see cref="Invalidate"/> (weights saved, a profile created, data imported or cache cleared in this process) and by
/// <see cref="CheckAsync"/>, one query that <see cref="CatalogueStateMonitor"/> runs every
/// <see cref="CacheOptions.CatalogueCheckInterval"/> so an import by another process is seen. Listeners hear of every
/// change after it is applied, each through its own mailbox.
/// </summary>
public sealed class CatalogueState : IDisposable
{
    private readonly IDbContextFactory<CinegraphDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly Mailboxes<CatalogueChange> _listeners;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private Task<CatalogueSnapshot>? _current;

    public CatalogueState(IDbContextFactory<CinegraphDbContext> dbFactory, IPredictionEvents events, TimeProvider time, ILogger<CatalogueState> logger)
    {
        ArgumentNullException.ThrowIfNull(events);
        _dbFactory = dbFactory;
        _time = time;
        _listeners = new Mailboxes<CatalogueChange>((change, ex) => CatalogueStateLog.ListenerFailed(logger, change.Event?.GetType().Name ?? "reload", ex));
        _subscription = events.Subscribe(OnEventAsync);
    }

    /// <summary>How many listeners (open pages) are subscribed.</summary>
    public int ListenerCount => _listeners.Count;

    /// <summary>Adds a listener of changes; dispose the result to remove it.</summary>
    public IDisposable Subscribe(Func<CatalogueChange, Task> listener) => _listeners.Subscribe(listener);

    /// <summary>The snapshot: from memory, or loaded once for every concurrent caller. Throws when the database fails and memory has none.</summary>
    public async Task<CatalogueSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        Task<CatalogueSnapshot> load;
        lock (_gate)
        {
            load = _current ??= LoadAsync();
        }

        try
        {
            return await load.WaitAsync(cancellationToken);
        }
        catch (Exception) when (load.IsFaulted)
        {
            lock (_gate)
            {
                if (_current == load)
                {
                    _current = null;
                }
            }

            throw;
        }
    }

    /// <summary>Drops the snapshot (the next read loads it again) and tells the listeners.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _current = null;
        }

        _listeners.Publish(new CatalogueChange(null));
    }

    /// <summary>One query: whether profiles or imports differ from the snapshot in memory; if so the snapshot is dropped. True when it was.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken = default)
    {
        Task<CatalogueSnapshot>? current;
        lock (_gate)
        {
            current = _current;
        }

        if (current is not { IsCompletedSuccessfully: true })
        {
            return false;
        }

        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        if (await ProbeAsync(db, cancellationToken) == current.Result.Probe)
        {
            return false;
        }

        Invalidate();
        return true;
    }

    public void Dispose() => _subscription.Dispose();

    // Profiles, weights versions and the newest import in one statement (the system profiles always exist).
    private static async Task<string> ProbeAsync(CinegraphDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Profiles.AsNoTracking()
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Active, p.IsDefault, p.WeightsVersion, Import = db.DataImports.Max(i => (int?)i.Id) })
            .ToListAsync(cancellationToken);
        return string.Join(';', rows.Select(r => FormattableString.Invariant($"{r.Id}:{r.Active}:{r.IsDefault}:{r.WeightsVersion}:{r.Import}")));
    }

    private async Task<CatalogueSnapshot> LoadAsync()
    {
        // Shared by every caller that waits for it, so no caller's token may cancel it.
        var cancellationToken = CancellationToken.None;
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var probe = await ProbeAsync(db, cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var latest = await db.DataImports.AsNoTracking().OrderByDescending(i => i.DataVersion).ThenByDescending(i => i.Id)
            .Select(i => new { i.DataVersion, i.IsDemo, CatalogueSince = CatalogueChanges.Versions(db).Max(v => (int?)v) })
            .FirstOrDefaultAsync(cancellationToken);
        var jobs = await db.RefreshJobs.AsNoTracking()
            .Where(j => j.Id == db.RefreshJobs.Where(k => k.ProfileId == j.ProfileId).Max(k => k.Id))
            .ToListAsync(cancellationToken);
        return new CatalogueSnapshot(
            profiles,
            latest?.DataVersion ?? 0,
            latest?.CatalogueSince ?? 0,
            latest?.IsDemo ?? false,
            jobs.ToDictionary(j => j.ProfileId, CacheStatusReader.Summarize),
            probe);
    }

    private async Task OnEventAsync(PredictionEvent predictionEvent)
    {
        try
        {
            if (predictionEvent is DecadeCached)
            {
                return;
            }

            var snapshot = await CurrentAsync();
            if (snapshot is null)
            {
                return;
            }

            if (predictionEvent is RefreshProgress progress && snapshot.LatestJob(progress.ProfileId) is { } shown && shown.Id == progress.JobId)
            {
                Update(s => s.LatestJob(progress.ProfileId) is { } job ? s.WithJob(progress.ProfileId, JobProgressMerge.Apply(job, progress, _time.GetUtcNow())) : s);
                return;
            }

            // Queued, failed, completed, or progress of a job not seen yet: its row says what it is now.
            await using var db = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
            var row = await db.RefreshJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == predictionEvent.JobId, CancellationToken.None);
            if (row is not null)
            {
                var read = CacheStatusReader.Summarize(row);
                Update(s => s.WithJob(row.ProfileId, JobProgressMerge.Newer(s.LatestJob(row.ProfileId), read) ?? read));
            }
        }
        finally
        {
            _listeners.Publish(new CatalogueChange(predictionEvent));
        }
    }

    // The loaded snapshot, waiting for a load in flight; null when none is loaded (the next load reads the rows anyway).
    private async Task<CatalogueSnapshot?> CurrentAsync()
    {
        Task<CatalogueSnapshot>? current;
        lock (_gate)
        {
            current = _current;
        }

        if (current is null)
        {
            return null;
        }

        try
        {
            return await current;
        }
        catch (Exception) when (current.IsFaulted)
        {
            return null;
        }
    }

    private void Update(Func<CatalogueSnapshot, CatalogueSnapshot> change)
    {
        lock (_gate)
        {
            if (_current is { IsCompletedSuccessfully: true } current)
            {
                _current = Task.FromResult(change(current.Result));
            }
        }
    }
}

internal static partial class CatalogueStateLog
{
    [LoggerMessage(EventId = 4700, Level = LogLevel.Warning, Message = "A listener of the catalogue state failed on {Change}")]
    public static partial void ListenerFailed(ILogger logger, string change, Exception exception);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning, Message = "The periodic check of the catalogue state failed; it is tried again")]
    public static partial void CheckFailed(ILogger logger, Exception exception);
}
