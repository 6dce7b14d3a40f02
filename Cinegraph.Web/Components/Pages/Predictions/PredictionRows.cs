using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Scoring;
using Microsoft.AspNetCore.Components;

namespace Cinegraph.Web.Components.Pages.Predictions;

/// <summary>
/// The HTML of one row of the predictions table, built once per cached entry and shared by every page that shows it.
/// The entries come from the L1 row (one object per film, shared by every read until the row is evicted), so a
/// circuit holds one markup frame per row instead of about forty frames, six formatted strings and an event handler;
/// the Details buttons carry the film's id and raise one <c>filmdetails</c> event on the table body
/// (<see cref="FilmDetailsEventArgs"/>).
/// </summary>
public static class PredictionRows
{
    // The first row shown is the table's tab stop at first (tabindex 0, see wwwroot/js/keyboard.js); every other row's
    // controls carry tabindex -1. Both variants are shared.
    private static readonly ConditionalWeakTable<PredictionEntry, string> s_rows = [];
    private static readonly ConditionalWeakTable<PredictionEntry, string> s_currentRows = [];
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Default;

    /// <summary>The row's <c>&lt;tr&gt;</c>, from the shared cache; <paramref name="current"/> makes its controls the table's tab stops.</summary>
    public static MarkupString Of(PredictionEntry entry, bool current = false) =>
        new(current ? s_currentRows.GetValue(entry, e => Build(e, "0")) : s_rows.GetValue(entry, e => Build(e, "-1")));

    private static string Build(PredictionEntry entry, string tabIndex)
    {
        var imdbId = s_encoder.Encode(entry.ImdbId);
        var likelihood = entry.Likelihood;
        var html = new StringBuilder(640);
        html.Append(CultureInfo.InvariantCulture, $"<tr><td><span class=\"rank-pill {RankClass(entry.Rank)}\">#{entry.Rank}</span></td>");
        html.Append(CultureInfo.InvariantCulture, $"<td><a class=\"mud-link mud-primary-text\" href=\"{s_encoder.Encode(PredictionsTable.ImdbUrl(entry.ImdbId))}\" tabindex=\"{tabIndex}\" data-rove=\"film\" target=\"_blank\" rel=\"noopener noreferrer\" data-testid=\"film-link\">{s_encoder.Encode(entry.Title)}</a></td>");
        html.Append(CultureInfo.InvariantCulture, $"<td>{entry.Year}</td>");
        html.Append(CultureInfo.InvariantCulture, $"<td><span class=\"likelihood\"><span class=\"bar\" aria-hidden=\"true\">");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"fill {BandClass(likelihood)}\" style=\"width: {likelihood:0.#}%\"></span></span>");
        html.Append(CultureInfo.InvariantCulture, $"<span data-testid=\"likelihood\">{s_encoder.Encode(TimeFormat.Percent(likelihood))}</span></span></td>");
        html.Append(entry.Status == PredictionStatus.AlreadyAdded ? "<td><span class=\"status added\">Added</span></td>" : "<td><span class=\"status future\">Future</span></td>");
        html.Append(CultureInfo.InvariantCulture, $"<td><button type=\"button\" class=\"details\" tabindex=\"{tabIndex}\" data-rove=\"details\" data-film=\"{imdbId}\" data-testid=\"details-button\">Details</button></td></tr>");
        return html.ToString();
    }

    private static string RankClass(int rank) => rank switch
    {
        <= 3 => "top3",
        <= 10 => "top10",
        _ => "other",
    };

    // The bands are Core's (LikelihoodBands), the same the statistics count.
    private static string BandClass(double likelihood) => LikelihoodBands.Of(likelihood) switch
    {
        LikelihoodBand.High => "high",
        LikelihoodBand.Medium => "medium",
        _ => "low",
    };
}
