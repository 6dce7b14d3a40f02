using Bunit;
using Cinegraph.Core.Caching;
using Cinegraph.Web.Components.Pages.Predictions;
using MudBlazor;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>Issue 10, items 2 and 5 on screen: which figures are held out, and the reliability table of every profile.</summary>
public sealed class HeldOutAndReliabilityTests : BunitContext
{
    public HeldOutAndReliabilityTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        Render<MudPopoverProvider>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLearnedValidationSaysItIsHeldOutAndShowsItsReliabilityBands()
    {
        await using var host = await PageTestHost.CreateAsync(films: 600);
        await host.ComputeAsync(PageTestHost.LearnedId, includeValidation: true);
        var validation = await host.Cache.Cache.GetValidationAsync(PageTestHost.LearnedId, Ct);
        var value = validation.Should().BeOfType<CacheRead<CachedProfileValidation>.Ready>().Subject.Value.Validation;

        var section = Render<ValidationSection>(p => p
            .Add(s => s.Validation, validation)
            .Add(s => s.ProfileName, "Learned")
            .Add(s => s.Now, DateTimeOffset.UtcNow));

        section.Find("[data-testid=held-out-note]").TextContent.Should().Contain("Held out").And.Contain("without that decade's list films");
        section.Find("[data-testid=reliability]").TextContent.Should().Contain("out of sample").And.Contain("held-out scores");
        section.FindAll("[data-testid=reliability-band]").Should().HaveCount(value.Reliability.Count(b => b.Films > 0)).And.NotBeEmpty();
    }

    [Fact]
    public async Task AWeightsProfileSaysItFitsNothingAndStillShowsItsReliability()
    {
        await using var host = await PageTestHost.CreateAsync(films: 600);
        await host.ComputeAsync(PageTestHost.BalancedId, includeValidation: true);
        var validation = await host.Cache.Cache.GetValidationAsync(PageTestHost.BalancedId, Ct);

        var section = Render<ValidationSection>(p => p
            .Add(s => s.Validation, validation)
            .Add(s => s.ProfileName, "Balanced")
            .Add(s => s.Now, DateTimeOffset.UtcNow));

        section.Find("[data-testid=held-out-note]").TextContent.Should().Contain("Not fitted to the list");
        section.FindAll("[data-testid=reliability-band]").Should().NotBeEmpty();
        section.Find("[data-testid=reliability]").TextContent.Should().NotContain("held-out scores");
    }

    [Fact]
    public async Task TheComparisonMarksOnlyTheLearnedRowHeldOut()
    {
        await using var host = await PageTestHost.CreateAsync(films: 600);
        await host.ComputeAsync(PageTestHost.LearnedId, includeValidation: true);
        var comparison = await host.Cache.Cache.GetComparisonAsync(Ct);
        var value = comparison.Should().BeOfType<CacheRead<CachedComparison>.Ready>().Subject.Value.Comparison;

        var section = Render<ComparisonSection>(p => p.Add(s => s.Comparison, comparison).Add(s => s.Now, DateTimeOffset.UtcNow));

        var rows = section.FindAll("[data-testid=comparison-row]");
        rows.Should().HaveCount(value.Profiles.Count);
        rows.Where(r => r.QuerySelector("[data-testid=held-out-chip]") is not null).Select(r => r.TextContent)
            .Should().ContainSingle().Which.Should().Contain("Learned");
        section.Markup.Should().Contain("fit nothing to the list");
    }
}
