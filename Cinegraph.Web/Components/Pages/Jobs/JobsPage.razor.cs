using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Cinegraph.Web.Components.Pages.Jobs;

/// <summary>
/// <c>/admin/jobs</c>: every job, newest first, paged, filtered by state and profile or found by id, with the count
/// per state, the history chart, and cancel, retry or delete of the selected jobs. Live: job events reload the page
/// (coalesced: one reload per burst, not per event).
/// </summary>
public sealed partial class JobsPage : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly HashSet<long> _selected = [];
    private CoalescedReload? _reload;
    private IDisposable? _subscription;
    private JobsListView? _list;
    private IReadOnlyList<JobHistoryPoint> _history = [];
    private DateTimeOffset _now;
    private string? _state;
    private int? _profileId;
    private long? _id;
    private int _page = 1;
    private bool _denied;
    private bool _busy;
    private bool _disposed;
    private bool _interactive;
    private string? _notice;

    [Inject]
    private JobsViewService View { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool AllSelected => _list is { Items.Count: > 0 } list && list.Items.All(i => _selected.Contains(i.Job.Id));

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        if (user?.IsInRole(AdminAccount.AdminRole) != true)
        {
            _denied = true;
            return;
        }

        _reload = new CoalescedReload(LoadAsync);
        _subscription = View.Subscribe(OnChangeAsync);
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        var token = _cancellation.Token;
        _list = await View.GetListAsync(new JobFilter(_state, _profileId, _id, _page), token);
        if (_page > _list.Page.PageCount)
        {
            _page = _list.Page.PageCount;
            _list = await View.GetListAsync(new JobFilter(_state, _profileId, _id, _page), token);
        }

        _history = await View.GetHistoryAsync(token);
        _now = View.Now;
        if (!_disposed)
        {
            StateHasChanged();
        }
    }

    private Task OnChangeAsync(CatalogueChange change)
    {
        if (!_disposed && change.Event is not null)
        {
            _ = InvokeAsync(() => _reload!.RequestAsync());
        }

        return Task.CompletedTask;
    }

    private Task FilterStateAsync(string? state)
    {
        _state = state;
        return FilterChangedAsync();
    }

    private Task FilterProfileAsync(int? profileId)
    {
        _profileId = profileId;
        return FilterChangedAsync();
    }

    private Task SearchIdAsync(long? id)
    {
        _id = id;
        return FilterChangedAsync();
    }

    private Task GoToPageAsync(int page)
    {
        _page = page;
        return _reload!.RequestAsync();
    }

    private Task FilterChangedAsync()
    {
        _page = 1;
        _selected.Clear();
        return _reload!.RequestAsync();
    }

    private void Select(long jobId, bool on)
    {
        if (on)
        {
            _selected.Add(jobId);
        }
        else
        {
            _selected.Remove(jobId);
        }
    }

    private void SelectAll(bool on)
    {
        foreach (var item in _list?.Items ?? [])
        {
            Select(item.Job.Id, on);
        }
    }

    private Task CancelSelectedAsync() => RunAsync(async (ids, token) =>
        await View.CancelManyAsync(ids, token) is var o ? $"Cancelled {o.Done} job(s); {o.Skipped} had finished or were gone." : "");

    private Task RetrySelectedAsync() => RunAsync(async (ids, token) =>
        await View.RetryManyAsync(ids, token) is var o
            ? $"Queued {o.Done} job(s) again; {o.Skipped} skipped (not finished, gone, or their profile already had a job)."
            : "");

    private Task DeleteSelectedAsync() => RunAsync(async (ids, token) =>
        await View.DeleteManyAsync(ids, token) is var o ? $"Deleted {o.Done} job(s); {o.Skipped} not finished or gone (cancel first)." : "");

    private async Task RunAsync(Func<IReadOnlyCollection<long>, CancellationToken, Task<string>> action)
    {
        if (_busy || _selected.Count == 0)
        {
            return;
        }

        _busy = true;
        try
        {
            _notice = await action([.. _selected.Order()], _cancellation.Token);
            _selected.Clear();
            await _reload!.RequestAsync();
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
