using Bunit;
using Cinegraph.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Layout;

/// <summary>Dark mode: the toggle's rule, what a request says, the app bar toggle and the theme provider.</summary>
public sealed class ThemeTests : BunitContext
{
    private readonly ThemeState _state = new();

    public ThemeTests()
    {
        Services.AddMudServices();
        Services.AddSingleton(_state);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Theory]
    [InlineData(ThemePreference.System, false, ThemePreference.Dark)]
    [InlineData(ThemePreference.System, true, ThemePreference.Light)]
    [InlineData(ThemePreference.Dark, false, ThemePreference.System)]
    [InlineData(ThemePreference.Light, true, ThemePreference.System)]
    public void ATogglePicksTheOtherSchemeAndForgetsAChoiceThatEqualsTheSystem(ThemePreference preference, bool systemIsDark, ThemePreference toggled)
    {
        _state.Load(new ThemeChoice(preference, systemIsDark), ready: true);
        var wasDark = _state.IsDark;

        _state.Toggle();

        _state.Preference.Should().Be(toggled);
        _state.IsDark.Should().Be(!wasDark);
    }

    [Fact]
    public void AChosenSchemeStaysWhenTheSystemChangesAndNoChoiceFollowsIt()
    {
        _state.Load(new ThemeChoice(ThemePreference.Light, false), ready: false);
        _state.SystemChanged(true);
        _state.IsDark.Should().BeFalse();
        _state.Ready.Should().BeTrue();

        _state.Load(new ThemeChoice(ThemePreference.System, false), ready: false);
        _state.SystemChanged(true);
        _state.IsDark.Should().BeTrue();
    }

    [Fact]
    public void ARequestSaysTheStoredChoiceAndTheSystemFromTheHintBeforeTheCookie()
    {
        var request = new DefaultHttpContext().Request;
        ThemeRequest.Read(request).Should().Be(new ThemeChoice(ThemePreference.System, false));

        request.Headers.Cookie = "cinegraph-theme=dark; cinegraph-system-theme=dark";
        ThemeRequest.Read(request).Should().Be(new ThemeChoice(ThemePreference.Dark, true));

        request.Headers.Cookie = "cinegraph-theme=light; cinegraph-system-theme=dark";
        request.Headers[ThemeRequest.SystemHint] = "\"light\"";
        ThemeRequest.Read(request).Should().Be(new ThemeChoice(ThemePreference.Light, false));
    }

    [Fact]
    public void TheToggleSwitchesToDarkAndStoresTheChoiceThenBackToFollowingTheSystem()
    {
        _state.Load(new ThemeChoice(ThemePreference.System, false), ready: true);
        var save = JSInterop.SetupVoid("cinegraphTheme.save", _ => true);
        var toggle = Render<ThemeToggle>();
        var button = toggle.Find("[data-testid=theme-toggle]");
        button.GetAttribute("aria-label").Should().Be("Dark mode");
        button.GetAttribute("aria-pressed").Should().Be("false");
        button.GetAttribute("data-theme-next").Should().Be("dark");

        button.Click();

        _state.IsDark.Should().BeTrue();
        toggle.Find("[data-testid=theme-toggle]").GetAttribute("aria-pressed").Should().Be("true");
        save.Invocations.Select(i => i.Arguments[0]).Should().Equal("dark");

        toggle.Find("[data-testid=theme-toggle]").Click();

        _state.IsDark.Should().BeFalse();
        _state.Preference.Should().Be(ThemePreference.System);
        save.Invocations.Select(i => i.Arguments[0]).Should().Equal("dark", "system");
    }

    [Fact]
    public void TheProviderRendersTheSchemeTheRequestAsksForAndFollowsTheToggle()
    {
        // A static render of a request (as the sign-in page's): no circuit to ask the browser.
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "cinegraph-system-theme=dark";

        var provider = Render<CinegraphThemeProvider>(p => p.AddCascadingValue(context));

        IsDark(provider).Should().BeTrue();
        context.Response.Headers["Accept-CH"].ToString().Should().Be(ThemeRequest.SystemHint);
        _state.Ready.Should().BeTrue();

        _state.Toggle();

        provider.WaitForAssertion(() => IsDark(provider).Should().BeFalse());
    }

    // The parameter the provider was given (the analyzer guards components' own state; a test only reads it).
#pragma warning disable MUD0012
    [Fact]
    public void TheThemesStylesAreBuiltOncePerSchemeAndEveryOpenPageRendersTheSame()
    {
        var first = Render<CachedThemeProvider>(p => p.Add(t => t.Theme, CinegraphTheme.Theme).Add(t => t.IsDarkMode, false));
        var second = Render<CachedThemeProvider>(p => p.Add(t => t.Theme, CinegraphTheme.Theme).Add(t => t.IsDarkMode, false));
        var dark = Render<CachedThemeProvider>(p => p.Add(t => t.Theme, CinegraphTheme.Theme).Add(t => t.IsDarkMode, true));

        first.Markup.Should().Contain("--mud-palette-primary: rgba(142,27,43,1)").And.Contain("--mud-native-html-color-scheme: light");
        second.Markup.Should().Be(first.Markup);
        dark.Markup.Should().Contain("--mud-native-html-color-scheme: dark").And.NotBe(first.Markup);

        // As MudThemeProvider renders it itself.
        var mud = Render<MudThemeProvider>(p => p.Add(t => t.Theme, CinegraphTheme.Theme).Add(t => t.IsDarkMode, true));
        dark.Markup.Should().Be(mud.Markup);
    }

    [Fact]
    public void OnlyMarkupIsKeptAsSharedMarkup()
    {
        CachedThemeProvider.MarkupOf(b =>
        {
            b.AddMarkupContent(0, "<style>a{}</style>");
            b.AddMarkupContent(1, "<style>b{}</style>");
        }).Should().Be("<style>a{}</style><style>b{}</style>");

        CachedThemeProvider.MarkupOf(b =>
        {
            b.OpenElement(0, "style");
            b.AddContent(1, "a{}");
            b.CloseElement();
        }).Should().BeNull("anything but markup is rendered by MudThemeProvider itself");
    }

    private static bool IsDark(IRenderedComponent<CinegraphThemeProvider> provider) => provider.FindComponent<MudThemeProvider>().Instance.IsDarkMode;
#pragma warning restore MUD0012
}
