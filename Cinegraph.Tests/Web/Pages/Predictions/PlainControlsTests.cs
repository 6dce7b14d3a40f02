using Bunit;
using Cinegraph.Core.Predictions;
using Cinegraph.Web.Components.Layout;
using Cinegraph.Web.Components.Pages.Predictions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>
/// The plain elements that replaced MudBlazor components to keep an open page small: the find bar's search box (which
/// waits for a pause in the typing) and native selects, and the nav menu's current link.
/// </summary>
public sealed class PlainControlsTests : BunitContext
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly List<PredictionsFind> _found = [];

    public PlainControlsTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
    }

    [Fact]
    public void TheSearchBoxSearchesOnlyOnceTheTypingPausesAndWithTheLastText()
    {
        var bar = RenderBar(PredictionsFind.Default);
        var search = bar.Find("input[type=search][data-testid=find-search]");

        search.Input("ter");
        _time.Advance(TimeSpan.FromMilliseconds(200));
        bar.Find("[data-testid=find-search]").Input("term");
        _time.Advance(PredictionsFindBar.DebounceInterval - TimeSpan.FromMilliseconds(1));

        _found.Should().BeEmpty("the typing has not paused for the whole interval yet");

        _time.Advance(TimeSpan.FromMilliseconds(1));

        bar.WaitForAssertion(() => _found.Should().ContainSingle().Which.Search.Should().Be("term"));
        bar.Find("[data-testid=find-search]").GetAttribute("value").Should().Be("term");
    }

    [Fact]
    public void TheSortAndFilterSelectsShowTheFindAndChangeIt()
    {
        var find = PredictionsFind.Default with { Sort = PredictionsSort.Year, Descending = true, Filter = PredictionsFilter.OnList };
        var bar = RenderBar(find);

        bar.Find("select[data-testid=find-sort]").GetAttribute("value").Should().Be("year-desc");
        bar.Find("select[data-testid=find-filter]").GetAttribute("value").Should().Be("OnList");
        bar.FindAll("select[data-testid=find-sort] option").Should().HaveCount(6);

        bar.Find("[data-testid=find-sort]").Change("likelihood-asc");
        bar.Find("[data-testid=find-filter]").Change("NotYetOnList");

        _found.Should().HaveCount(2);
        _found[0].Should().Be(find with { Sort = PredictionsSort.Likelihood, Descending = false });
        _found[1].Should().Be(find with { Filter = PredictionsFilter.NotYetOnList });
    }

    [Fact]
    public void ASelectValueThatIsNoOptionChangesNothing()
    {
        var bar = RenderBar(PredictionsFind.Default);

        bar.Find("[data-testid=find-sort]").Change("no-such-sort");
        bar.Find("[data-testid=find-filter]").Change("42");

        _found.Should().BeEmpty();
    }

    [Theory]
    [InlineData("", "", false, true)]
    [InlineData("", "predictions", false, false)]
    [InlineData("predictions", "predictions?decade=1990&profile=balanced", true, true)]
    [InlineData("predictions", "predictions/", true, true)]
    [InlineData("predictions", "predictionsx", true, false)]
    [InlineData("admin/jobs", "admin/jobs/12", true, true)]
    [InlineData("admin/cache", "admin/jobs", true, false)]
    public void ANavLinkIsCurrentOnItsPageAndBelowItWhenItMatchesAPrefix(string href, string path, bool prefix, bool current) =>
        NavMenu.IsCurrent(href, path, prefix).Should().Be(current);

    private IRenderedComponent<PredictionsFindBar> RenderBar(PredictionsFind find) =>
        Render<PredictionsFindBar>(p => p
            .Add(b => b.Find, find)
            .Add(b => b.OnFind, f => _found.Add(f)));
}
