using System.Globalization;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Cinegraph.Web.Components.Pages.Predictions;

/// <summary>
/// <c>/predictions?decade=2020&amp;profile=balanced</c>: one decade's cached predictions under one profile, with its
/// validation and the profile comparison. Reads the cache only; a refresh is a job, and the page follows it live through
/// <see cref="IPredictionEvents"/> and swaps to the results when they are written.
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

    // The job is shown while it waits or runs, and when it failed after the shown results were computed.
    private bool ShowJob => _job is { } job && (!JobStates.IsFinished(job.State)
        || (job.State != JobStates.Completed && (_predictions is not CacheRead<CachedPredictions>.Ready { Value: var value } || job.InsertedAt > value.CalculatedAt)));

    protected override void OnInitialized()
    {
        // Before the first read, so an event that lands between the read and the subscription is not missed.
        _subscription = View.Subscribe(OnPredictionEventAsync);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var token = _cancellation.Token;
        if (ParseDecade(Decade) is not { } decade)
        {
            ShowNotFound();
            return;
        }

        _profiles ??= await View.GetProfilesAsync(token);
        var profile = await View.ResolveProfileAsync(Profile, token);
        if (profile is null)
        {
            ShowNotFound();
            return;
        }

        _notFound = false;
        if (_profile?.Id == profile.Id && _decade == decade && _predictions is not null)
        {
            return;
        }

        _profile = profile;
        _decade = decade;
        _limit = PageSize;
        _isDemo = await View.IsDemoCatalogueAsync(token);
        await LoadAsync(token);
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_profile is not { } profile)
        {
            return;
        }

        var version = ++_loadVersion;
        var predictions = await View.GetPredictionsAsync(_decade, profile.Id, _limit, cancellationToken);
        var validation = await View.GetValidationAsync(profile.Id, cancellationToken);
        var comparison = await View.GetComparisonAsync(cancellationToken);
        var job = await View.GetLatestJobAsync(profile.Id, cancellationToken);
        if (version != _loadVersion)
        {
            return;
        }

        (_predictions, _validation, _comparison) = (predictions, validation, comparison);
        _job = Newer(_job, job);
    }

    private async Task ReloadPredictionsAsync(CancellationToken cancellationToken)
    {
        if (_profile is not { } profile)
        {
            return;
        }

        var (decade, version) = (_decade, _loadVersion);
        var predictions = await View.GetPredictionsAsync(decade, profile.Id, _limit, cancellationToken);
        if (version == _loadVersion && decade == _decade && _profile?.Id == profile.Id)
        {
            _predictions = predictions;
        }
    }

    private Task OnPredictionEventAsync(PredictionEvent predictionEvent) =>
        _disposed || _profile is null || predictionEvent.ProfileId != _profile.Id
            ? Task.CompletedTask
            : InvokeAsync(() => HandleEventAsync(predictionEvent));

    private async Task HandleEventAsync(PredictionEvent predictionEvent)
    {
        if (_disposed || _profile is null || predictionEvent.ProfileId != _profile.Id)
        {
            return;
        }

        var token = _cancellation.Token;

        try
        {
            switch (predictionEvent)
            {
                case RefreshProgress progress when _job is { } job && job.Id == progress.JobId:
                    if (progress.Done >= job.ProgressDone)
                    {
                        _job = job with { State = JobStates.Executing, ProgressDone = progress.Done, ProgressTotal = progress.Total, ProgressNote = progress.Note };
                    }

                    break;
                case DecadeCached cached when cached.Decade == _decade:
                    await ReloadPredictionsAsync(token);
                    break;
                case DecadeCached:
                    break;
                case RefreshCompleted:
                    _notice = null;
                    await LoadAsync(token);
                    break;
                default:
                    // Queued, failed, or progress of a job this page has not seen yet: the row says what it is now.
                    _job = Newer(_job, await View.GetJobAsync(predictionEvent.JobId, token));
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

    // A job row read from the database may be older than the progress already pushed for the same job.
    private static JobSummary? Newer(JobSummary? current, JobSummary? read) =>
        current is not null && read is not null && current.Id == read.Id && !JobStates.IsFinished(read.State)
            && current.State == JobStates.Executing && current.ProgressDone > read.ProgressDone
            ? current
            : read ?? current;

    private void SelectDecade(int decade)
    {
        _notice = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("decade", decade));
    }

    private void SelectProfile(string slug)
    {
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
            _job = Newer(_job, job);
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

    private async Task ShowMoreAsync()
    {
        _limit = Math.Min(_limit + PageSize, PredictionsViewService.MaxEntries);
        await ReloadPredictionsAsync(_cancellation.Token);
    }

    private async Task ShowDetailsAsync(PredictionEntry entry)
    {
        var parameters = new DialogParameters<PredictionDetailsDialog>
        {
            { d => d.Entry, entry },
            { d => d.ProfileName, _profile?.Name ?? "" },
        };
        await Dialogs.ShowAsync<PredictionDetailsDialog>(entry.Title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
    }

    private async Task<IReadOnlyList<string>> SaveProfileAsync(CustomWeights custom)
    {
        var result = await View.SaveProfileAsync(custom.Name, custom.Description, custom.Weights, _cancellation.Token);
        if (result.Profile is { } saved)
        {
            _profiles = await View.GetProfilesAsync(_cancellation.Token);
            _notice = $"Saved the profile {saved.Name}. Its predictions are computed by a refresh.";
            _tab = 0;
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("profile", ProfileSlug.From(saved.Name)));
        }

        return result.Errors;
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
