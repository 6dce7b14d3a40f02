using Bunit;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;
using Cinegraph.Web.Components.Pages.Predictions;
using MudBlazor;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>The comparison's chart of accuracy per decade per profile, above its table.</summary>
public sealed class ComparisonChartTests : BunitContext
{
    public ComparisonChartTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void TheChartDrawsOneLinePerProfileOverTheCompletedDecades()
    {
        var section = Render<ComparisonSection>(p => p.Add(s => s.Comparison, Ready(
            Row("Balanced", (1990, 40), (2000, 50), (2010, 45)),
            Row("Award Winner", (1990, 30), (2000, 60), (2010, 35)))));

        var chart = section.FindComponent<MudChart<double>>().Instance;
        chart.ChartType.Should().Be(ChartType.Line);
        chart.ChartLabels.Should().Equal("1990s", "2000s", "2010s");
        chart.ChartSeries.Select(s => s.Name).Should().Equal("Balanced", "Award Winner");
        chart.ChartSeries[1].Data.Values.Should().Equal(30, 60, 35);
        section.Find("[data-testid=comparison-chart] [role=img]").GetAttribute("aria-label").Should().Contain("accuracy per completed decade");
        section.FindAll("[data-testid=comparison-row]").Should().HaveCount(2);

        // The table scrolls alone on a narrow screen, and can be reached by keyboard to do so.
        var region = section.Find("[role=region]:has([data-testid=comparison-table])");
        region.GetAttribute("tabindex").Should().Be("0");
        region.GetAttribute("aria-label").Should().Be("Profile comparison table");
    }

    [Fact]
    public void WithoutACompletedDecadeThereIsNoChartButTheTable()
    {
        var section = Render<ComparisonSection>(p => p.Add(s => s.Comparison, Ready(Row("Balanced"))));

        section.FindAll("[data-testid=comparison-chart]").Should().BeEmpty();
        section.FindAll("[data-testid=comparison-row]").Should().ContainSingle();
    }

    [Fact]
    public void WithNoProfileThereIsNeitherChartNorTable()
    {
        var section = Render<ComparisonSection>(p => p.Add(s => s.Comparison, Ready()));

        section.Markup.Should().Contain("No active profile was compared.");
        section.FindAll("[data-testid=comparison-chart]").Should().BeEmpty();
        section.FindAll("[data-testid=comparison-table]").Should().BeEmpty();
    }

    private static ProfileComparisonRow Row(string name, params (int Decade, double Accuracy)[] decades) =>
        new(name, name + " profile", decades.ToDictionary(d => d.Decade, d => d.Accuracy), 10, 40, 42, 5, "steady");

    private static CacheRead<CachedComparison> Ready(params ProfileComparisonRow[] rows)
    {
        var best = rows.SelectMany(r => r.DecadeAccuracies).GroupBy(d => d.Key)
            .ToDictionary(g => g.Key, g => rows.First(r => r.DecadeAccuracies.TryGetValue(g.Key, out var a) && a == g.Max(x => x.Value)).ProfileName);
        var comparison = new ProfileComparisonResult(rows, rows.FirstOrDefault()?.ProfileName, best, rows.FirstOrDefault()?.ProfileName);
        var metadata = new CacheMetadata("test", 0, "", 1, CategoryWeights.Balanced, 1, 0, 0, null, 0);
        return new CacheRead<CachedComparison>.Ready(new CachedComparison(DateTimeOffset.UtcNow, comparison, metadata, Freshness.Fresh));
    }
}
