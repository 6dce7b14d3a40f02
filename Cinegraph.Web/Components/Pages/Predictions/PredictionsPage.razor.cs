using System.Globalization;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Cinegraph.Web.Components.Pages.Predictions;

/// <summary>
/// <c>/predictions?decade=2020&amp;profile=balanced</c>: one decade's cached predictions under one profile, with its
/// validation and the profile comparison. Reads the cache only; a refresh is a job, and the page follows it live through
/// <see cref="IPredictionEvents"/> and swaps to the results when they are written. The page model holds the decade's
/// whole cached row, so searching, sorting and filtering (<c>q</c>, <c>sort</c>, <c>dir</c>, <c>filter</c>) and a film's
/// details (<c>film=tt…</c>) are computed from memory (PredictionsPage.Find.cs).
/// </summary>
public sealed partial class PredictionsPage : IDisposable
{
    private const int PageSize = 100;

    private readonly CancellationTokenSource _cancellation = new();
    private IDisposable? _subscription;

    private IReadOnlyList<MetricWeightProfile>? _profiles;
    private MetricWeightProfile? _profile;
    private int _decade;
    private int _limit = PageSize;
    private int _tab;
    private bool _isDemo;
    private bool _notFound;
    private string? _unavailable;

    // The profile a URL without one resolved to, so a later visit without one is known to be the same view.
    private int? _defaultProfileId;
    private bool _busy;
    private bool _disposed;

    // Set once the circuit rendered the page (never in the prerender), so browser tests know clicks are handled.
    private bool _interactive;
    private string? _notice;

    // Bumped by every full load, so an older load that finishes late does not overwrite a newer one.
    private int _loadVersion;

    private CacheRead<CachedPredictions>? _predictions;
    private CacheRead<CachedProfileValidation>? _validation;
    private CacheRead<CachedComparison>? _comparison;
    private JobSummary? _job;

    [Inject]
    private PredictionsViewService View { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    // Text, not int?: the framework throws on a value that is not an int (decade=abc, decade=99999999999), which would
    // be "Something went wrong" instead of the not-found page.
    [SupplyParameterFromQuery(Name = "decade")]
    public string? Decade { get; set; }

    [SupplyParameterFromQuery(Name = "profile")]
    public string? Profile { get; set; }

    /// <summary>The decade shown when the URL names none: the current one.</summary>
    public static int DefaultDecade => MoviePredictor.Decades[^1];

    private string Title => _profile is null ? "Predictions" : $"{_decade}s predictions";

    // A film opened by the URL has a title of its own, in the prerendered HTML too.
    private string DocumentTitle => FilmEntry is { } film ? $"{film.Title} ({film.Year}) · {Title}" : Title;

    // The job is shown while it waits or runs, and when it failed after the shown results were computed.
    private bool ShowJob => _job is { } job && (!JobStates.IsFinished(job.State)
        || (job.State != JobStates.Completed && (_predictions is not CacheRead<CachedPredictions>.Ready { Value: var value } || job.InsertedAt > value.CalculatedAt)));

    /// <summary>Set by the prerender: the key under which it kept the model it read, so the interactive render takes it instead of reading again.</summary>
    [PersistentState]
    public string? PrerenderedKey { get; set; }

    protected override void OnInitialized()
    {
        // Before the first read, so a change that lands between the read and the subscription is not missed.
        _subscription = View.Subscribe(OnChangeAsync);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }

        await ShowFilmAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (ParseDecade(Decade) is not { } decade)
        {
            ShowNotFound();
            return;
        }

        _navigatingAway = false;
        var find = PredictionsFind.Parse(Search, Sort, Direction, Filter);
        if (find != _find)
        {
            (_find, _limit) = (find, PageSize);
        }

        if (!_notFound && _profile is { } shown && _decade == decade && _predictions is not null
            && (string.IsNullOrWhiteSpace(Profile) ? shown.Id == _defaultProfileId : ProfileSlug.Matches(shown.Name, Profile)))
        {
            // The same decade and profile: a search, sort, filter or film of the model in memory.
            return;
        }

        _limit = PageSize;
        var page = TakePrerendered(decade) ?? await ReadAsync(decade, _cancellation.Token);
        if (page is not null)
        {
            Show(page);
            if (!RendererInfo.IsInteractive)
            {
                PrerenderedKey = View.KeepPrerendered(page);
            }
        }
    }

    // The model the prerender of this same view kept, if this is the interactive render that follows it.
    private PredictionsPageModel? TakePrerendered(int decade)
    {
        if (PrerenderedKey is not { } key || !RendererInfo.IsInteractive)
        {
            return null;
        }

        PrerenderedKey = null;
        return View.TakePrerendered(key) is { } page && page.Decade == decade
            && (string.IsNullOrWhiteSpace(Profile) || ProfileSlug.Matches(page.Profile.Name, Profile))
            ? page
            : null;
    }

    private async Task<PredictionsPageModel?> ReadAsync(int decade, CancellationToken cancellationToken)
    {
        var version = ++_loadVersion;
        var read = await View.ReadAsync(decade, Profile, PredictionsViewService.MaxEntries, cancellationToken);
        if (version != _loadVersion)
        {
            return null;
        }

        switch (read)
        {
            case PageRead.Ready { Page: var page }:
                return page;
            case PageRead.Unavailable { Reason: var reason }:
                _unavailable = reason;
                _notFound = false;
                return null;
            default:
                ShowNotFound();
                return null;
        }
    }

    private void Show(PredictionsPageModel page)
    {
        _notFound = false;
        _unavailable = null;
        _profiles = page.Profiles;
        _profile = page.Profile;
        _defaultProfileId = string.IsNullOrWhiteSpace(Profile) ? page.Profile.Id : _defaultProfileId;
        _decade = page.Decade;
        _isDemo = page.IsDemo;
        (_predictions, _validation, _comparison) = (page.Predictions, page.Validation, page.Comparison);
        _job = JobProgressMerge.Newer(_job, page.LatestJob);
    }

    /// <summary>The decade the query names (none: the current one), or null when it names no supported decade.</summary>
    public static int? ParseDecade(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DefaultDecade;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var decade) && MoviePredictor.IsSupportedDecade(decade)
            ? decade
            : null;
    }

    private void ShowNotFound()
    {
        _notFound = true;
        _profile = null;
        _predictions = null;
        Navigation.NotFound();
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        // After a profile was saved, renamed or deleted here, the URL still names the old slug until the browser
        // reports the navigation: the read that follows it is the one to show, not a "not found" of the old slug.
        if (_profile is null || _navigatingAway)
        {
            return;
        }

        if (await ReadAsync(_decade, cancellationToken) is { } page)
        {
            Show(page);
        }
    }

    private async Task ReloadPredictionsAsync(CancellationToken cancellationToken)
    {
        if (_profile is not { } profile)
        {
            return;
        }

        var (decade, version) = (_decade, _loadVersion);
        var predictions = await View.ReadPredictionsAsync(decade, profile.Id, PredictionsViewService.MaxEntries, cancellationToken);
        if (version == _loadVersion && decade == _decade && _profile?.Id == profile.Id)
        {
            _predictions = predictions;
        }
    }

    private Task OnChangeAsync(CatalogueChange change) =>
        _disposed || _profile is null || (change.Event is { } e && e.ProfileId != _profile.Id && e is not RefreshCompleted)
            ? Task.CompletedTask
            : InvokeAsync(() => HandleChangeAsync(change));

    // Everything here reads memory (the state, and L1 for the rows; a row just rewritten is one SELECT, shared by
    // every page that asks for it at once).
    private async Task HandleChangeAsync(CatalogueChange change)
    {
        if (_disposed || _profile is not { } profile)
        {
            return;
        }

        var token = _cancellation.Token;

        try
        {
            switch (change.Event)
            {
                case DecadeCached cached when cached.ProfileId == profile.Id && cached.Decade == _decade:
                    await ReloadPredictionsAsync(token);
                    break;
                case DecadeCached:
                    return;
                case null:
                case RefreshCompleted:
                    // The catalogue was reloaded (an import, saved weights) or a job completed (its rows and the comparison).
                    if (change.Event is RefreshCompleted completed && completed.ProfileId == profile.Id)
                    {
                        _notice = null;
                    }

                    await ReloadAsync(token);
                    break;
                default:
                    // Queued, progress, failed: the state applied it before telling this page.
                    _job = JobProgressMerge.Newer(_job, await View.LatestJobAsync(profile.Id, token));
                    break;
            }

            StateHasChanged();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page was closed while it read.
        }
#pragma warning disable CA1031 // Handed to the circuit's error handling, as an exception of an event handler would be.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(ex);
        }
    }

    // The value already shown is no choice, and keeps the notice.
    private void SelectDecade(int decade)
    {
        if (decade == _decade)
        {
            return;
        }

        _notice = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("decade", decade));
    }

    private void SelectProfile(string slug)
    {
        if (_profile is { } shown && ProfileSlug.Matches(shown.Name, slug))
        {
            return;
        }

        _notice = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("profile", slug));
    }

    private async Task RefreshAsync()
    {
        if (_profile is not { } profile || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var (job, conflict) = await View.RefreshAsync(profile.Id, _cancellation.Token);
            _job = JobProgressMerge.Newer(_job, job);
            _notice = conflict
                ? $"A refresh of {profile.Name} is already {(job.State == JobStates.Executing ? "running" : "queued")} (job #{job.Id}); its progress is shown below."
                : $"Refresh of {profile.Name} queued (job #{job.Id}). The results appear here when they are computed.";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RetryAsync()
    {
        if (_job is not { } failed || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            _job = await View.RetryAsync(failed.Id, _cancellation.Token) ?? _job;
            _notice = $"Job #{failed.Id} queued again as job #{_job?.Id}.";
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _dialog?.Close();
        _subscription?.Dispose();
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
