using System.Collections.Concurrent;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Events;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Jobs;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Cinegraph.Web.Components.Pages.Admin;

/// <summary>
/// <c>/admin/cache</c>: every profile × decade of the cache, each profile's latest job, the recent jobs and the import
/// history, with the refresh, cancel, retry and clear actions. Follows the jobs live through <see cref="IPredictionEvents"/>.
/// </summary>
public sealed partial class AdminCachePage : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private IDisposable? _subscription;
    private AdminCacheSnapshot? _snapshot;
    private bool _busy;
    private bool _disposed;
    private bool _denied;
    private bool _interactive;
    private string? _notice;

    // Changes handed from the mailbox to the circuit (see OnChangeAsync); 1 while a hand-off is scheduled.
    private readonly ConcurrentQueue<CatalogueChange> _changes = new();
    private int _handOffPending;

    // Events come in bursts (progress of every step); at most one reload runs, and one more follows if any event (even one
    // applied in memory) arrived meanwhile.
    private bool _reloading;
    private bool _reloadAgain;

    [Inject]
    private AdminCacheViewService View { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // [Authorize] guards the request; this also guards navigation inside an open circuit.
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        if (user?.IsInRole(AdminAccount.AdminRole) != true)
        {
            _denied = true;
            return;
        }

        _subscription = View.Subscribe(OnChangeAsync);
        _snapshot = await View.GetSnapshotAsync(_cancellation.Token);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    // Not awaited: the mailbox hands over the next change at once. Changes queue here and one hand-off to the circuit
    // applies every change queued by then, with one render (or one reload): a refresh's burst of events costs a few
    // renders, not one per event, and changes that come while a reload runs make one more reload, not one each.
    private Task OnChangeAsync(CatalogueChange change)
    {
        if (!_disposed)
        {
            _changes.Enqueue(change);
            if (Interlocked.Exchange(ref _handOffPending, 1) == 0)
            {
                _ = InvokeAsync(ApplyChangesAsync);
            }
        }

        return Task.CompletedTask;
    }

    private async Task ApplyChangesAsync()
    {
        // Cleared before draining: a change queued from here on is drained below or schedules the next hand-off.
        Volatile.Write(ref _handOffPending, 0);
        var reload = false;
        var patched = false;
        while (_changes.TryDequeue(out var change))
        {
            if (Patch(change.Event))
            {
                patched = true;
            }
            else
            {
                reload = true;
            }
        }

        if (_disposed)
        {
            return;
        }

        if (reload)
        {
            await ReloadAsync();
        }
        else if (patched)
        {
            // A reload in flight may have read the rows before these changes and would put them back as they were when
            // it lands: it reads once more after it, so the panel ends showing the last change of a burst.
            _reloadAgain |= _reloading;
            StateHasChanged();
        }
    }

    // Progress of a job the panel shows, and a decade a job wrote (its chip turns fresh), are applied in memory; the
    // job's end reads everything again.
    private bool Patch(PredictionEvent? predictionEvent)
    {
        switch (predictionEvent)
        {
            case RefreshProgress progress:
                return PatchProgress(progress);
            case DecadeCached cached when _snapshot is { } shown:
                _snapshot = shown with { Status = shown.Status.WithDecadeCached(cached.ProfileId, cached.Decade, cached.CalculatedAt, View.Now) };
                return true;
            default:
                return false;
        }
    }

    private bool PatchProgress(RefreshProgress progress)
    {
        if (_snapshot is not { } snapshot)
        {
            return false;
        }

        var profiles = snapshot.Status.Profiles.ToList();
        var index = profiles.FindIndex(p => p.LatestJob?.Id == progress.JobId);
        if (index < 0 || profiles[index].LatestJob is not { } job)
        {
            return false;
        }

        var now = View.Now;
        var patched = JobProgressMerge.Apply(job, progress, now);
        profiles[index] = profiles[index] with { LatestJob = patched };
        var jobs = snapshot.Jobs
            .Select(j => j.Job.Id == progress.JobId ? j with { Job = j.Job with { ProgressDone = patched.ProgressDone, ProgressTotal = patched.ProgressTotal } } : j)
            .ToArray();
        _snapshot = snapshot with { Status = snapshot.Status with { Profiles = profiles, At = now }, Jobs = jobs };
        return true;
    }

    private async Task ReloadAsync()
    {
        if (_reloading)
        {
            _reloadAgain = true;
            return;
        }

        _reloading = true;
        try
        {
            do
            {
                _reloadAgain = false;
                var token = _cancellation.Token;
                _snapshot = await View.GetSnapshotAsync(token);
                if (!_disposed)
                {
                    StateHasChanged();
                }
            }
            while (_reloadAgain && !_disposed);
        }
        catch (OperationCanceledException) when (_disposed)
        {
            // The page was closed while it read.
        }
#pragma warning disable CA1031 // Handed to the circuit's error handling, as an exception of an event handler would be.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(ex);
        }
        finally
        {
            _reloading = false;
        }
    }

    private Task RefreshAsync(int profileId, string name) => RunAsync(async token =>
    {
        var (job, conflict) = await View.RefreshAsync(profileId, token);
        return conflict
            ? $"{name} already has an unfinished refresh (job #{job.Id}, {job.State})."
            : $"Refresh of {name} queued (job #{job.Id}).";
    });

    private Task RefreshAllAsync() => RunAsync(async token =>
    {
        var (queued, already) = await View.RefreshAllAsync(token);
        return $"Queued {queued} refresh job(s); {already} profile(s) already had one.";
    });

    private Task CancelAsync(long jobId) => RunAsync(async token =>
    {
        var outcome = await View.CancelAsync(jobId, token);
        return outcome switch
        {
            CancelOutcome.Cancelled => $"Job #{jobId} cancelled.",
            CancelOutcome.Requested => $"Job #{jobId} is running; it stops at its next step.",
            CancelOutcome.AlreadyFinished => $"Job #{jobId} had already finished.",
            _ => $"Job #{jobId} no longer exists.",
        };
    });

    private Task RetryAsync(long jobId) => RunAsync(async token =>
        await View.RetryAsync(jobId, token) is { } job ? $"Job #{jobId} queued again as job #{job.Id}." : $"Job #{jobId} no longer exists.");

    private async Task ClearProfileAsync(int profileId, string name)
    {
        if (await ConfirmAsync($"Clear the cache of {name}?", $"Every cached decade and the validation of {name} are deleted. Pages show them as not computed until the next refresh.", "Clear"))
        {
            await RunAsync(async token => $"Cleared {await View.ClearProfileAsync(profileId, token)} cached row(s) of {name}.");
        }
    }

    private async Task ClearAllAsync()
    {
        if (await ConfirmAsync("Clear the whole cache?", "Every cached row of every profile, and the comparison, are deleted. Pages show them as not computed until refreshed.", "Clear all"))
        {
            await RunAsync(async token => $"Cleared {await View.ClearAllAsync(token)} cached row(s).");
        }
    }

    private async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;

    private async Task RunAsync(Func<CancellationToken, Task<string>> action)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            _notice = await action(_cancellation.Token);
            _snapshot = await View.GetSnapshotAsync(_cancellation.Token);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
