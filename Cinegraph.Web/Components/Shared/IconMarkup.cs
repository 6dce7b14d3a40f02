using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Cinegraph.Web.Components;

/// <summary>
/// A MudBlazor icon (<c>Icons.Material.*</c>, the SVG's inner markup) as one shared markup string in MudIcon's classes:
/// one frame, no component and no per-circuit copy of the SVG in every open page.
/// </summary>
public static class IconMarkup
{
    private static readonly ConcurrentDictionary<(string Icon, string Classes), string> s_icons = new();

    /// <summary>The icon's <c>&lt;svg&gt;</c>, decorative (hidden from assistive technology), with <paramref name="classes"/> added.</summary>
    public static MarkupString Of(string icon, string classes = "") =>
        new(s_icons.GetOrAdd((icon, classes), key =>
            $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium {key.Classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Icon}</svg>"));
}
