using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace Cinegraph.Web.Components.Layout;

/// <summary>
/// MudThemeProvider whose style markup (the theme's CSS variables, about 12,000 characters) is built once per theme and
/// scheme and shared by every open page: MudBlazor builds it anew at each render, and each circuit then held two
/// copies of it (its current and previous render) — about 46 KB of every open page. The system-scheme watching and
/// everything else stay MudThemeProvider's.
/// </summary>
public sealed class CachedThemeProvider : MudThemeProvider
{
    // null: the provider's output is not plain markup (a MudBlazor update changed it), so it is rendered as it is.
    private static readonly ConcurrentDictionary<(MudTheme Theme, bool Dark), string?> s_markup = new();

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        // The parameter as the parent set it: this app never lets the provider change the scheme itself (no
        // ObserveSystemDarkModeChange; CinegraphThemeProvider watches the system and sets IsDarkMode).
#pragma warning disable MUD0010
        var key = (GetTheme(), IsDarkMode);
#pragma warning restore MUD0010
        var markup = s_markup.GetOrAdd(key, _ => MarkupOf(base.BuildRenderTree));
        if (markup is null)
        {
            base.BuildRenderTree(__builder);
            return;
        }

        __builder.AddMarkupContent(0, markup);
    }

    /// <summary>The markup <paramref name="build"/> renders, when it renders markup only (else null).</summary>
    public static string? MarkupOf(Action<RenderTreeBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        using var builder = new RenderTreeBuilder();
        build(builder);
#pragma warning disable BL0006 // Reads the frames of a builder of its own, to keep the markup they hold.
        var frames = builder.GetFrames();
        var parts = new List<string>(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
            {
                return null;
            }

            parts.Add(frames.Array[i].MarkupContent);
        }
#pragma warning restore BL0006

        return string.Concat(parts);
    }
}
