namespace Cinegraph.Web.Components.Pages.Predictions;

/// <summary>
/// A click in the predictions table (the <c>filmdetails</c> event of its body): the IMDb id of the Details button clicked, null for a
/// click elsewhere in the table. Raised by <c>wwwroot/Cinegraph.Web.lib.module.js</c>.
/// </summary>
public sealed class FilmDetailsEventArgs : EventArgs
{
    public string? ImdbId { get; set; }
}
