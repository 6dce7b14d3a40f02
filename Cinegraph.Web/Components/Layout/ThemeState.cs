namespace Cinegraph.Web.Components.Layout;

/// <summary>What the visitor chose: follow the system's colour scheme, or always light, or always dark.</summary>
public enum ThemePreference
{
    System,
    Light,
    Dark,
}

/// <summary>The preference and the system's scheme as one page knew them, carried from the prerender to the circuit.</summary>
public sealed record ThemeChoice(ThemePreference Preference, bool SystemIsDark);

/// <summary>
/// The colour scheme of one page (a circuit, or a prerender): the stored preference and the system's scheme, and the
/// toggle's rule. A toggle back to what the system shows forgets the preference, so the page follows the system again.
/// </summary>
public sealed class ThemeState
{
    public ThemePreference Preference { get; private set; }

    public bool SystemIsDark { get; private set; }

    /// <summary>True once the system's scheme is known for sure (the browser was asked); static pages are ready as rendered.</summary>
    public bool Ready { get; private set; }

    public bool IsDark => Preference switch
    {
        ThemePreference.Dark => true,
        ThemePreference.Light => false,
        _ => SystemIsDark,
    };

    /// <summary>The preference a toggle stores: the other scheme, or none when the other scheme is the system's.</summary>
    public ThemePreference Toggled => !IsDark == SystemIsDark ? ThemePreference.System : (IsDark ? ThemePreference.Light : ThemePreference.Dark);

    public ThemeChoice Choice => new(Preference, SystemIsDark);

    public event Action? Changed;

    public void Load(ThemeChoice choice, bool ready)
    {
        (Preference, SystemIsDark, Ready) = (choice.Preference, choice.SystemIsDark, ready);
        Changed?.Invoke();
    }

    public void SystemChanged(bool dark)
    {
        (SystemIsDark, Ready) = (dark, true);
        Changed?.Invoke();
    }

    public void Toggle()
    {
        Preference = Toggled;
        Changed?.Invoke();
    }
}

/// <summary>
/// Where a request says the scheme: the visitor's stored choice (cookie <see cref="PreferenceCookie"/>, written by
/// wwwroot/js/theme.js), the system's scheme from Chromium's client hint or, else, from the cookie theme.js keeps up
/// to date (<see cref="SystemCookie"/>). A first visit without either is light until the browser is asked.
/// </summary>
public static class ThemeRequest
{
    public const string PreferenceCookie = "cinegraph-theme";
    public const string SystemCookie = "cinegraph-system-theme";
    public const string SystemHint = "Sec-CH-Prefers-Color-Scheme";

    public static ThemeChoice Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var preference = request.Cookies[PreferenceCookie] switch
        {
            "dark" => ThemePreference.Dark,
            "light" => ThemePreference.Light,
            _ => ThemePreference.System,
        };
        var hint = request.Headers[SystemHint].ToString().Trim('"');
        var system = string.IsNullOrEmpty(hint) ? request.Cookies[SystemCookie] : hint;
        return new ThemeChoice(preference, system == "dark");
    }

    /// <summary>Asks Chromium to send the system's scheme with every request, the first one included.</summary>
    public static void AskForHint(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.HasStarted)
        {
            response.Headers["Accept-CH"] = SystemHint;
            response.Headers["Critical-CH"] = SystemHint;
            response.Headers.Append("Vary", SystemHint);
        }
    }

    /// <summary>The cookie value theme.js stores for a preference ("system" removes the cookie).</summary>
    public static string CookieValue(ThemePreference preference) => preference switch
    {
        ThemePreference.Dark => "dark",
        ThemePreference.Light => "light",
        _ => "system",
    };
}
