using Cinegraph.Core.Caching;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Cinegraph.Web.Components.Pages.Predictions;

/// <summary>
/// The visitor's side of the page: search, sort and filter in the URL (computed by Core's <see cref="PredictionsFinder"/>
/// over the model in memory), a film's details dialog opened by <c>film=tt…</c>, and the custom weights' profile commands.
/// </summary>
public sealed partial class PredictionsPage
{
    private PredictionsFind _find = PredictionsFind.Default;
    private (CachedPredictions From, PredictionsFind Find, int Limit, FoundPredictions Found)? _found;
    private IDialogReference? _dialog;
    private string? _dialogFilm;
    private bool _navigatingAway;

    [SupplyParameterFromQuery(Name = "q")]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "dir")]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = "filter")]
    public string? Filter { get; set; }

    /// <summary>The IMDb id of the film whose details are open.</summary>
    [SupplyParameterFromQuery(Name = "film")]
    public string? Film { get; set; }

    // The cached entry the URL's film names, when it is among the decade's cached films.
    private PredictionEntry? FilmEntry =>
        _predictions is CacheRead<CachedPredictions>.Ready { Value: var value } ? PredictionsFinder.Film(value.Entries, Film) : null;

    // The table's rows, found again only when the model, the find or the count shown changed.
    private FoundPredictions Found(CachedPredictions predictions)
    {
        if (_found is not { } found || !ReferenceEquals(found.From, predictions) || found.Find != _find || found.Limit != _limit)
        {
            found = (predictions, _find, _limit, PredictionsFinder.Find(predictions.Entries, _find, _limit));
            _found = found;
        }

        return found.Found;
    }

    private void ApplyFind(PredictionsFind find) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(find.ToQuery()), replace: find.Search != _find.Search);

    private void SortBy(PredictionsSort sort) => ApplyFind(_find.ToggleSort(sort));

    private void ShowMore() => _limit = Math.Min(_limit + PageSize, PredictionsViewService.MaxEntries);

    private void ShowDetails(PredictionEntry entry) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("film", entry.ImdbId));

    // After a render in the circuit: opens the film the URL names (dialogs need the interactive render), or closes the
    // open one when the URL no longer names it (the browser's Back).
    private async Task ShowFilmAsync()
    {
        if (!RendererInfo.IsInteractive || _disposed)
        {
            return;
        }

        // Compared with the URL, not with the cached entry: a reload of the page model (a refresh event) has no entry
        // for a moment, and must not close the dialog the URL still names.
        var entry = FilmEntry;
        if (_dialogFilm is not null && !string.Equals(_dialogFilm, Film?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            var open = _dialog;
            (_dialog, _dialogFilm) = (null, null);
            open?.Close();
        }

        // _dialogFilm is set while the dialog opens too, so a render meanwhile does not open it twice.
        if (entry is null || _dialogFilm is not null)
        {
            return;
        }

        var parameters = new DialogParameters<PredictionDetailsDialog>
        {
            { d => d.Entry, entry },
            { d => d.ProfileName, _profile?.Name ?? "" },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };
        _dialogFilm = entry.ImdbId;
        var dialog = await Dialogs.ShowAsync<PredictionDetailsDialog>($"{entry.Title} ({entry.Year})", parameters, options);
        if (_disposed || !string.Equals(_dialogFilm, entry.ImdbId, StringComparison.Ordinal))
        {
            // The URL moved on while it opened.
            dialog.Close();
            return;
        }

        _dialog = dialog;
        WatchClose(dialog, entry.ImdbId);
    }

    // Once the visitor closes the dialog (button, Escape, backdrop), the URL drops the film; the wait does not hold the render.
    // The URL decides, not the bookkeeping: when the URL still names this dialog's film, the visitor closed it.
    private void WatchClose(IDialogReference dialog, string imdbId) =>
        _ = dialog.Result.ContinueWith(
            _ => InvokeAsync(() =>
            {
                if (ReferenceEquals(_dialog, dialog))
                {
                    (_dialog, _dialogFilm) = (null, null);
                }

                if (_disposed || !string.Equals(Film?.Trim(), imdbId, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("film", (string?)null), replace: true);
            }),
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);

    private async Task<IReadOnlyList<string>> SaveProfileAsync(CustomWeights custom)
    {
        var result = await View.SaveProfileAsync(custom.Name, custom.Description, custom.Weights, _cancellation.Token);
        if (result.Profile is { } saved)
        {
            ShowProfile(saved, $"Saved the profile {saved.Name}. Its predictions are computed by a refresh.");
        }

        return result.Errors;
    }

    private async Task<IReadOnlyList<string>> EditProfileAsync(CustomWeights custom)
    {
        if (_profile is not { } profile)
        {
            return [];
        }

        var result = await View.EditProfileAsync(profile.Id, custom.Name, custom.Description, custom.Weights, _cancellation.Token);
        if (result.Profile is { } edited)
        {
            ShowProfile(edited, edited.WeightsVersion != profile.WeightsVersion
                ? $"Saved the changes to {edited.Name}. Its predictions are stale until a refresh computes them again."
                : $"Saved the changes to {edited.Name}.");
        }

        return result.Errors;
    }

    private async Task<IReadOnlyList<string>> DeleteProfileAsync()
    {
        if (_profile is not { } profile)
        {
            return [];
        }

        switch (await View.DeleteProfileAsync(profile.Id, _cancellation.Token))
        {
            case DeleteProfileOutcome.ReadOnly:
                return [$"{profile.Name} is a system profile: it cannot be deleted."];
            default:
                _notice = $"Deleted the profile {profile.Name} and its cached results.";
                _tab = 0;
                _navigatingAway = true;
                Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("profile", (string?)null));
                return [];
        }
    }

    private void ShowProfile(MetricWeightProfile profile, string notice)
    {
        _notice = notice;
        _tab = 0;
        _navigatingAway = true;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("profile", ProfileSlug.From(profile.Name)));
    }
}
