using Cinegraph.Core.Catalog;
using Cinegraph.Core.Forecasting;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;
using Cinegraph.Web.Cli;

namespace Cinegraph.Tests.Web.Cli;

/// <summary>Item 6 of issue 10: <c>forecast &lt;file&gt;</c> against a real SQLite catalogue (the generated demo).</summary>
public sealed class ForecastCommandTests
{
    [Fact]
    public async Task ForecastWritesTheTop25FilmsOfThe2020sNotYetOnTheListAsCsvAndJson()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        var data = DemoCatalogue.Generate(1500, 7);
        await catalogue.Importer.ImportAsync(data, DemoCatalogue.Source, isDemo: true, cancellationToken: ct);
        var onNewest = data.Memberships.Where(m => m.ListKey == CanonicalList.TargetKey && m.Edition == DemoCatalogue.Editions[^1]).Select(m => m.ImdbId).ToHashSet();
        var target = Path.Combine(catalogue.Folder.FullName, "out", "forecast-2026.csv");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync(["forecast", target, $"--ConnectionStrings:Cinegraph={catalogue.ConnectionString}"], output, error, ct);

        exitCode.Should().Be(0, error.ToString());
        var json = Path.ChangeExtension(target, ".json");
        output.ToString().Should().Contain(target).And.Contain(json).And.Contain("25 films");
        var forecast = ForecastFiles.FromJson(await File.ReadAllTextAsync(json, ct));
        forecast.Profile.Should().Be(SystemProfiles.LearnedName);
        forecast.Decade.Should().Be(2020);
        forecast.DataVersion.Should().Be(1);
        forecast.AlgorithmVersion.Should().Be(ScoringService.AlgorithmVersion);
        forecast.FitVersion.Should().Be(LearnedModels.FitVersion);
        forecast.ModelVersion.Should().MatchRegex("^[0-9a-f]{12}$");
        forecast.NewestEdition.Should().Be(DemoCatalogue.Editions[^1]);
        forecast.GeneratedAt.Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));
        forecast.Films.Select(f => f.Rank).Should().Equal(Enumerable.Range(1, 25));
        forecast.Films.Should().OnlyContain(f => f.Year >= 2020 && f.Year <= 2029 && !onNewest.Contains(f.ImdbId));
        forecast.Films.Should().OnlyContain(f => f.Likelihood >= 0 && f.Likelihood <= 100);
        forecast.Films.Select(f => f.Score).Should().BeInDescendingOrder();

        var lines = await File.ReadAllLinesAsync(target, ct);
        lines.Should().HaveCount(26);
        lines[0].Should().StartWith("rank,imdb_id,title,year,score,likelihood_percent,profile");
        lines[1].Should().StartWith($"1,{forecast.Films[0].ImdbId},").And.Contain(forecast.ModelVersion!).And.Contain(LearnedModels.FitVersion);
    }

    [Fact]
    public async Task ForecastOfAnEmptyCatalogueExitsOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["forecast", Path.Combine(catalogue.Folder.FullName, "f"), $"--ConnectionStrings:Cinegraph={catalogue.ConnectionString}"], output, error, ct);

        exitCode.Should().Be(1);
        error.ToString().Should().Contain("the catalogue is empty");
    }

    [Theory]
    [InlineData("out/f", "out/f.csv", "out/f.json")]
    [InlineData("out/f.csv", "out/f.csv", "out/f.json")]
    [InlineData("out/f.JSON", "out/f.csv", "out/f.json")]
    [InlineData("out/f.2026", "out/f.2026.csv", "out/f.2026.json")]
    public void TheFileNameGivesBothPaths(string file, string csv, string json) =>
        ForecastFiles.PathsFor(file).Should().Be((csv, json));

    [Fact]
    public void CsvQuotesTitlesWithCommasAndQuotes()
    {
        var forecast = new Forecast(
            new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), "Learned", 2020, 2024, 3, "a", "m", "f",
            [new ForecastEntry(1, "tt1", "Oh, \"Hi\"", 2023, 81.5, 12.25)]);

        ForecastFiles.ToCsv(forecast).Split('\n')[1].Should().Be("1,tt1,\"Oh, \"\"Hi\"\"\",2023,81.5,12.25,Learned,2020,2024,3,a,m,f,2026-12-02T10:00:00Z");
        ForecastFiles.FromJson(ForecastFiles.ToJson(forecast)).Films.Should().Equal(forecast.Films);
    }
}
