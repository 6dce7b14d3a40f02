using System.Globalization;
using Bunit;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;
using Cinegraph.Web.Components.Pages.Predictions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Cinegraph.Tests.Web.Pages.Predictions;

/// <summary>The details dialog of a learned entry, from real cached rows of the demo catalogue.</summary>
public sealed class PredictionDetailsDialogTests : BunitContext
{
    private const int LearnedId = PageTestHost.LearnedId;

    public PredictionDetailsDialogTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShowsALearnedEntrysFeatureContributionsLargestFirstAddingUpToTheTotal()
    {
        await using var host = await PageTestHost.CreateAsync(films: 600);
        host.Register(Services);
        await host.ComputeAsync(profileId: LearnedId, decades: [2020]);
        var entry = (await EntriesAsync(host, 2020)).First(e => e.Status == PredictionStatus.FuturePrediction);
        entry.Features.Should().NotBeNullOrEmpty();

        var dialogs = await ShowAsync(entry);

        dialogs.WaitForAssertion(() =>
        {
            var rows = dialogs.FindAll("[data-testid=feature-row]");
            rows.Should().HaveCount(entry.Features!.Count);
            var points = rows.Select(r => Points(r.Children[2].TextContent)).ToArray();
            points.Should().BeInDescendingOrder();
            points.Sum().Should().BeApproximately(entry.TotalScore, 0.05 * rows.Count + 0.1);
            Points(dialogs.Find("[data-testid=feature-total]").Children[2].TextContent).Should().BeApproximately(entry.TotalScore, 0.05 * rows.Count + 0.1);
            rows.Select(r => r.Children[0].TextContent).Should().Equal(entry.Features!.OrderByDescending(f => f.Points).Select(f => FeatureDefinitions.NameOf(f.Key)))
                .And.NotContain(t => t.Contains('_') || t.StartsWith("award:", StringComparison.Ordinal) || t.StartsWith("list:", StringComparison.Ordinal));
            dialogs.Find("[data-testid=likelihood]").TextContent.Should().Contain("likelihood");
        });
    }

    [Fact]
    public async Task ShowsTheEditionThatAddedAFilmAlreadyOnTheListInsteadOfALikelihood()
    {
        await using var host = await PageTestHost.CreateAsync(films: 600);
        host.Register(Services);
        await host.ComputeAsync(profileId: LearnedId, decades: [1970]);
        var entry = (await EntriesAsync(host, 1970)).First(e => e.Status == PredictionStatus.AlreadyAdded);
        var added = (await host.Catalogue.Service.GetFilmFactsAsync(entry.MovieId, Ct)).AddedInEdition;
        added.Should().NotBeNull();

        var dialogs = await ShowAsync(entry);

        dialogs.WaitForAssertion(() =>
        {
            dialogs.Find("[data-testid=added-in]").TextContent.Should().Be($"added in the {added} edition");
            dialogs.FindAll("[data-testid=likelihood]").Should().BeEmpty();
        });
    }

    private static async Task<IReadOnlyList<PredictionEntry>> EntriesAsync(PageTestHost host, int decade)
    {
        var read = await host.Cache.Cache.GetPredictionsAsync(decade, LearnedId, cancellationToken: Ct);
        return read.Should().BeOfType<CacheRead<CachedPredictions>.Ready>().Subject.Value.Entries;
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync(PredictionEntry entry)
    {
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<PredictionDetailsDialog> { { d => d.Entry, entry }, { d => d.ProfileName, "Learned" } };
        await dialogs.InvokeAsync(() => service.ShowAsync<PredictionDetailsDialog>(entry.Title, parameters));
        return dialogs;
    }

    private static double Points(string text) => double.Parse(text.Replace("pts", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
