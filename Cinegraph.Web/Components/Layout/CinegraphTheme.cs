using MudBlazor;

namespace Cinegraph.Web.Components.Layout;

/// <summary>
/// The app's MudBlazor theme: a dark-red "cinema" primary with an amber accent, light and dark. Every colour that
/// carries text (links, chips, filled alerts and buttons) keeps a contrast of at least 4.5:1 with what it sits on or
/// with its own text: in light mode dark tones under white text, in dark mode light tones under near-black text.
/// </summary>
internal static class CinegraphTheme
{
    private const string NearBlack = "#1a1a1a";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#8e1b2b",
            Secondary = "#8a5a00",
            AppbarBackground = "#8e1b2b",
            Background = "#f7f5f2",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a15c00",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.7)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#f4a3ae",
            PrimaryContrastText = NearBlack,
            Secondary = "#d9a441",
            SecondaryContrastText = NearBlack,
            AppbarBackground = "#4a0f18",
            Info = "#90caf9",
            InfoContrastText = NearBlack,
            Success = "#81c784",
            SuccessContrastText = NearBlack,
            Warning = "#ffb74d",
            WarningContrastText = NearBlack,
            Error = "#ef9a9a",
            ErrorContrastText = NearBlack,
            TextSecondary = "rgba(255,255,255,0.72)",
        },
        LayoutProperties = new LayoutProperties
        {
            DrawerWidthLeft = "220px",
        },
    };
}
