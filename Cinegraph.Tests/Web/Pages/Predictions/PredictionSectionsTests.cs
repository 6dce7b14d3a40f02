using Bunit;
using Bunit.TestDoubles;
using Cinegraph.Core.Caching;
using Cinegraph.Web.Components.Pages.Predictions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>The validation and comparison sections and the weights tuner, from real cached rows.</summary>
public sealed class PredictionSectionsTests : BunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public PredictionSectionsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;

        // Bounded, but not 1 s: the tests read a real database on a shared 2-core machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        _auth = AddAuthorization();
        Render<MudPopoverProvider>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidationShowsTheChartMicroMacroProvisionalAndBacktest()
    {
        await using var host = await PageTestHost.CreateAsync(films: 600);
        await host.ComputeAsync(includeValidation: true);
        var validation = await host.Cache.Cache.GetValidationAsync(PageTestHost.BalancedId, Ct);
        validation.Should().BeOfType<CacheRead<CachedProfileValidation>.Ready>();

        var section = Render<ValidationSection>(p => p
            .Add(s => s.Validation, validation)
            .Add(s => s.ProfileName, "Balanced")
            .Add(s => s.Now, DateTimeOffset.UtcNow));

        section.Find("[data-testid=micro-accuracy]").TextContent.Should().Contain("micro accuracy");
        section.Find("[data-testid=macro-accuracy]").TextContent.Should().Contain("macro accuracy");
        section.Find("[data-testid=provisional-accuracy]").TextContent.Should().Contain("2020s, provisional");
        section.Find("[data-testid=validation-chart]").QuerySelector("svg").Should().NotBeNull();
        section.FindAll("[data-testid=validation-decades] tbody tr").Should().HaveCount(11);
        section.Find("[data-testid=backtest]").TextContent.Should().Contain("Edition backtest");
        (section.FindAll("[data-testid=backtest-found]").Count + section.FindAll("[data-testid=backtest-missed]").Count).Should().BeGreaterThan(0);
    }

    [Fact]
    public void ValidationShowsItsOwnMissingState()
    {
        var section = Render<ValidationSection>(p => p
            .Add(s => s.Validation, new CacheRead<CachedProfileValidation>.Missing())
            .Add(s => s.ProfileName, "Balanced"));

        section.Find("[data-testid=missing-state]").TextContent.Should().Contain("The historical validation of the Balanced profile have not been computed yet");
        section.FindAll("[data-testid=validation-chart]").Should().BeEmpty();
    }

    [Fact]
    public async Task ComparisonHighlightsTheBestPerDecadeAndNamesBestAndMostConsistent()
    {
        await using var host = await PageTestHost.CreateAsync(films: 600);
        await host.ComputeAsync(includeValidation: true);
        var comparison = await host.Cache.Cache.GetComparisonAsync(Ct);
        var value = comparison.Should().BeOfType<CacheRead<CachedComparison>.Ready>().Subject.Value.Comparison;

        var section = Render<ComparisonSection>(p => p.Add(s => s.Comparison, comparison).Add(s => s.Now, DateTimeOffset.UtcNow));

        section.FindAll("[data-testid=comparison-row]").Should().HaveCount(value.Profiles.Count);
        section.Find("[data-testid=best-overall]").TextContent.Should().Contain(value.BestOverall);
        section.Find("[data-testid=most-consistent]").TextContent.Should().Contain(value.MostConsistent);
        section.FindAll("[data-testid=best-cell]").Should().HaveCount(value.BestPerDecade.Count);
        section.Find("[data-testid=comparison-table]").TextContent.Should().Contain("Micro").And.Contain("Macro").And.Contain("2020s (provisional)");
    }

    [Fact]
    public void ComparisonShowsItsOwnMissingState()
    {
        var section = Render<ComparisonSection>(p => p.Add(s => s.Comparison, new CacheRead<CachedComparison>.Missing()));

        section.Find("[data-testid=missing-state]").TextContent.Should().Contain("profile comparison");
        section.FindAll("[data-testid=comparison-table]").Should().BeEmpty();
    }

    [Fact]
    public void WeightsThatDoNotSumToHundredShowAMessageAndCannotBeSaved()
    {
        _auth.SetAuthorized("admin");
        _auth.SetRoles("Admin");
        var saves = 0;
        var tuner = Render<WeightsTuner>(p => p
            .Add(t => t.Profile, SystemBalanced())
            .Add(t => t.Save, _ =>
            {
                saves++;
                return Task.FromResult<IReadOnlyList<string>>([]);
            }));
        tuner.Find("[data-testid=weights-total]").TextContent.Should().Contain("100 %");
        tuner.FindAll("[data-testid=weights-error]").Should().BeEmpty();

        PredictionsPageTests.SetSlider(tuner, "cultural_impact", 40);
        tuner.Find("input[data-testid=profile-name]").Input("Too Much");

        tuner.Find("[data-testid=weights-total]").TextContent.Should().Contain("115 %");
        tuner.Find("[data-testid=weights-error]").TextContent.Should().Contain("Weights must sum to 100% (got 115%)");
        tuner.Find("[data-testid=save-profile]").HasAttribute("disabled").Should().BeTrue();
        saves.Should().Be(0);
    }

    [Fact]
    public void VisitorsCanTryWeightsButNotSaveThem()
    {
        var tuner = Render<WeightsTuner>(p => p
            .Add(t => t.Profile, SystemBalanced())
            .Add(t => t.Save, _ => Task.FromResult<IReadOnlyList<string>>([])));

        tuner.FindAll("[data-testid=save-profile]").Should().BeEmpty();
        tuner.Find("[data-testid=save-needs-admin]").TextContent.Should().Contain("Only an administrator");
    }

    internal static Cinegraph.Core.Scoring.MetricWeightProfile SystemBalanced() =>
        new() { Id = 1, Name = "Balanced", IsSystem = true, Weights = Cinegraph.Core.Scoring.CategoryWeights.Balanced };
}
