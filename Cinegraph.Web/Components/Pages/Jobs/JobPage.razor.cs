using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Cinegraph.Web.Components.Pages.Jobs;

/// <summary>
/// <c>/admin/jobs/{id}</c>: one job with its arguments, node, state timeline, every attempt's error and step durations,
/// its time estimate, and cancel or retry. Live: each event of this job reads its row again.
/// </summary>
public sealed partial class JobPage : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<BreadcrumbItem> _crumbs = [new("Jobs", "/admin/jobs")];
    private CoalescedReload? _reload;
    private IDisposable? _subscription;
    private JobView? _view;
    private DateTimeOffset _now;
    private bool _loaded;
    private bool _denied;
    private bool _busy;
    private bool _disposed;
    private bool _interactive;
    private string? _notice;
    private long? _newJobId;

    [Parameter]
    public long Id { get; set; }

    [Inject]
    private JobsViewService View { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        if (user?.IsInRole(AdminAccount.AdminRole) != true)
        {
            _denied = true;
            return;
        }

        _reload ??= new CoalescedReload(LoadAsync);
        _subscription ??= View.Subscribe(OnChangeAsync);
        _notice = null;
        _newJobId = null;
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
        _view = await View.GetJobAsync(Id, _cancellation.Token);
        _now = View.Now;
        _loaded = true;
        if (!_disposed)
        {
            StateHasChanged();
        }
    }

    private Task OnChangeAsync(CatalogueChange change)
    {
        if (!_disposed && change.Event is { } e && e.JobId == Id)
        {
            _ = InvokeAsync(() => _reload!.RequestAsync());
        }

        return Task.CompletedTask;
    }

    private Task CancelAsync() => RunAsync(async token =>
    {
        var outcome = await View.CancelAsync(Id, token);
        return outcome switch
        {
            CancelOutcome.Cancelled => "Cancelled.",
            CancelOutcome.Requested => "Asked to stop; it stops at its next step.",
            CancelOutcome.AlreadyFinished => "It had already finished.",
            _ => "It no longer exists.",
        };
    });

    private Task RetryAsync() => RunAsync(async token =>
    {
        if (await View.RetryAsync(Id, token) is not { } job)
        {
            return "It no longer exists.";
        }

        _newJobId = job.Id;
        return job.Id == Id ? "It has not finished." : $"Queued again as job #{job.Id}.";
    });

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
            await LoadAsync();
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
