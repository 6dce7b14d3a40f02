using Bunit;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Cinegraph.Web.Components.Pages.Predictions;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>The predictions table: rows as markup shared between open pages, and one handler for every Details button.</summary>
public sealed class PredictionsTableTests : BunitContext
{
    public PredictionsTableTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void RendersEveryRowWithoutAnEventHandlerPerRow()
    {
        var predictions = Predictions(100);

        var table = Render<PredictionsTable>(p => p.Add(t => t.Found, All(predictions)));

        table.FindAll("[data-testid=film-link]").Should().HaveCount(100);
        table.FindAll("[data-testid=details-button]").Should().HaveCount(100);
        table.Find("tbody").OuterHtml.Should().NotContain("blazor:onclick", "a handler per row is a handler per row in every open circuit");
        table.FindAll("[blazor\\:onfilmdetails]").Should().ContainSingle().Which.TagName.Should().Be("TBODY");
        table.Find("[data-testid=film-link]").GetAttribute("href").Should().Be("https://www.imdb.com/title/tt0000001/");
        table.Find("[data-testid=likelihood]").TextContent.Should().Be("99 %");
        table.Find(".fill").ClassList.Should().Contain("high");
        table.Find(".rank-pill").ClassList.Should().Contain("top3");
    }

    [Fact]
    public void SharesOneMarkupStringPerCachedEntryBetweenRenders()
    {
        var entry = Predictions(1).Entries[0];
        var equalCopy = entry with { };

        var first = PredictionRows.Of(entry).Value;
        var second = PredictionRows.Of(entry).Value;

        ReferenceEquals(first, second).Should().BeTrue("every open page showing the same cached entry shares its row");
        PredictionRows.Of(equalCopy).Value.Should().Be(first);
    }

    [Fact]
    public void EncodesTheTitleAndTheIdInTheRowMarkup()
    {
        var entry = Predictions(1).Entries[0] with { Title = "<b>\"Tom & Jerry\"</b>", ImdbId = "tt1\"><script>" };
        var predictions = Predictions(1) with { Entries = [entry] };

        var table = Render<PredictionsTable>(p => p.Add(t => t.Found, All(predictions)));

        table.Find("[data-testid=film-link]").TextContent.Should().Be("<b>\"Tom & Jerry\"</b>");
        table.FindAll("tbody b").Should().BeEmpty();
        table.FindAll("script").Should().BeEmpty();
        table.Find("[data-testid=details-button]").GetAttribute("data-film").Should().Be("tt1\"><script>");
    }

    [Fact]
    public async Task ADetailsClickOpensThatFilmsEntryAndAClickElsewhereNothing()
    {
        var predictions = Predictions(5);
        var opened = new List<PredictionEntry>();
        var table = Render<PredictionsTable>(p => p
            .Add(t => t.Found, All(predictions))
            .Add(t => t.OnDetails, (PredictionEntry e) => opened.Add(e)));

        await table.Find("tbody").TriggerEventAsync("onfilmdetails", new FilmDetailsEventArgs { ImdbId = "tt0000003" });
        await table.Find("tbody").TriggerEventAsync("onfilmdetails", new FilmDetailsEventArgs { ImdbId = null });
        await table.Find("tbody").TriggerEventAsync("onfilmdetails", new FilmDetailsEventArgs { ImdbId = "tt9999999" });

        opened.Should().ContainSingle().Which.Should().BeSameAs(predictions.Entries[2]);
    }

    private static FoundPredictions All(CachedPredictions predictions) =>
        new(predictions.Entries, predictions.Entries.Count, predictions.Entries.Count);

    private static CachedPredictions Predictions(int count)
    {
        var entries = Enumerable.Range(1, count)
            .Select(i => new PredictionEntry(
                i, i, $"tt{i:0000000}", $"Film {i}", 2020 + (i % 5), 100 - i, 100 - i,
                i % 3 == 0 ? PredictionStatus.AlreadyAdded : PredictionStatus.FuturePrediction, 1000 * i, []))
            .ToArray();
        var metadata = new CacheMetadata(ScoringService.AlgorithmVersion, 1, "Balanced", 1, new CategoryWeights(0.25, 0.25, 0.25, 0.25), 1, count, count, null, 1);
        return new CachedPredictions(2020, DateTimeOffset.UnixEpoch, entries, PredictionStatistics.From(entries), metadata, Freshness.Fresh);
    }
}
