using Bunit;
using Cinegraph.Web.Components.Pages.Home;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Home;

public sealed class HomePageTests : BunitContext
{
    public HomePageTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;

        // Bounded, but not bUnit's 1 s: the page reads a real database on a shared, loaded machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
    }

    [Fact]
    public async Task ShowsCatalogueCountsAndDataVersionFromTheDatabase()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        await catalogue.ImportTinyBundleAsync(isDemo: false, ct);
        Services.AddSingleton(catalogue.Service);

        var page = Render<HomePage>();

        page.WaitForAssertion(() =>
        {
            page.Find("h1").TextContent.Should().Be("Cinegraph");
            Figure(page, "films").Should().StartWith("3");
            Figure(page, "awards").Should().StartWith("2");
            Figure(page, "lists").Should().StartWith("2");
            Figure(page, "memberships").Should().StartWith("3");
            Figure(page, "credits").Should().StartWith("1");
            Figure(page, "years").Should().StartWith("1939–1994");
            page.Find("[data-testid=data-version]").TextContent.Should().Be("1");
            page.Find("[data-testid=source]").TextContent.Should().Be("/bundles/tiny");
        });
    }

    [Fact]
    public async Task ShowsNewDataVersionAfterAChangedImport()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        await catalogue.ImportTinyBundleAsync(isDemo: false, ct);
        var changed = TempCatalogue.TinyBundle() with { Credits = [] };
        await catalogue.Importer.ImportAsync(changed, "/bundles/tiny-v2", isDemo: false, allowShrink: true, cancellationToken: ct);
        Services.AddSingleton(catalogue.Service);

        var page = Render<HomePage>();

        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=data-version]").TextContent.Should().Be("2");
            Figure(page, "credits").Should().StartWith("0");
        });
    }

    [Fact]
    public async Task ShowsDemoBannerWhenCatalogueIsDemo()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        await catalogue.ImportTinyBundleAsync(isDemo: true, ct);
        Services.AddSingleton(catalogue.Service);

        var page = Render<HomePage>();

        page.WaitForAssertion(() =>
        {
            var banner = page.Find("[data-testid=demo-banner]");
            banner.TextContent.Should().Contain("demo data")
                .And.Contain("dotnet run --project Cinegraph.Web -- import <bundle-dir>");
        });
    }

    [Fact]
    public async Task HidesDemoBannerWhenCatalogueComesFromABundle()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        await catalogue.ImportTinyBundleAsync(isDemo: false, ct);
        Services.AddSingleton(catalogue.Service);

        var page = Render<HomePage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=films]").Should().ContainSingle());
        page.FindAll("[data-testid=demo-banner]").Should().BeEmpty();
        page.Markup.Should().NotContain("demo data");
    }

    [Fact]
    public async Task ShowsEmptyStateWhenCatalogueIsEmpty()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        Services.AddSingleton(catalogue.Service);

        var page = Render<HomePage>();

        page.WaitForAssertion(() =>
        {
            page.Markup.Should().Contain("The catalogue is empty");
            page.Find("[data-testid=data-version]").TextContent.Should().Be("0");
        });
    }

    private static string Figure(IRenderedComponent<HomePage> page, string testId) =>
        page.Find($"[data-testid={testId}]").TextContent.Trim();
}
