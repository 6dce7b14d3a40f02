using MudBlazor;

namespace Cinegraph.Web.Components.Layout;

/// <summary>The app's MudBlazor theme: a dark-red "cinema" primary with an amber accent.</summary>
internal static class CinegraphTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#8e1b2b",
            Secondary = "#c98a14",
            AppbarBackground = "#8e1b2b",
            Background = "#f7f5f2",
        },
        LayoutProperties = new LayoutProperties
        {
            DrawerWidthLeft = "220px",
        },
    };
}
