using BenchmarkDotNet.Attributes;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Cinegraph.Web.Components.Pages.Predictions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace Cinegraph.Benchmarks;

/// <summary>
/// Issue 12's number: searching, sorting and filtering 1000 cached films re-renders in &lt; 50 ms on the server. Each
/// invocation is what the page does when the URL's <c>q</c>, <c>sort</c>, <c>dir</c> or <c>filter</c> changes: Core's
/// <see cref="PredictionsFinder.Find"/> over the 1000 cached entries of a decade (the page model holds them), then the
/// real <see cref="PredictionsTable"/> rendered to HTML by the framework's <see cref="HtmlRenderer"/> (the markup the
/// circuit diffs; the diff itself and the WebSocket are not included). The baseline is the same render of the cached
/// order (no search, sort or filter), so the ratio is what finding adds.
/// </summary>
[MemoryDiagnoser]
public class VisitorPageBenchmarks
{
    private const int PageSize = 100;

    private IReadOnlyList<PredictionEntry> _entries = [];
    private ServiceProvider? _services;
    private HtmlRenderer? _renderer;
    private string _word = "";

    [GlobalSetup]
    public void CacheThousandFilms()
    {
        // The demo catalogue's busiest decade, scored as a refresh job would, top 1000 kept as in the cache row.
        var predictor = new MoviePredictor(FeatureSnapshotLoader.FromBundle(DemoCatalogue.Generate(16_000)));
        var decade = MoviePredictor.Decades.MaxBy(d => predictor.Snapshot.InDecade(d).Count);
        _entries = predictor.PredictDecade(decade, ScoringProfile.Custom(CategoryWeights.Balanced)).Entries;
        if (_entries.Count != PredictionsPageQuery.MaxEntries)
        {
            throw new InvalidOperationException($"The {decade}s have {_entries.Count} cached films, not {PredictionsPageQuery.MaxEntries}.");
        }

        // A word that many titles share, so the search keeps a full page.
        _word = _entries.SelectMany(e => e.Title.Split(' ')).Where(w => w.Length > 3).GroupBy(w => w).MaxBy(g => g.Count())!.Key;
        _services = new ServiceCollection().AddLogging().AddMudServices().BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_renderer is not null)
        {
            await _renderer.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "Cached order, first 100 of 1000: find + render")]
    public Task<int> CachedOrder() => FindAndRenderAsync(PredictionsFind.Default);

    [Benchmark(Description = "Search a title word in 1000: find + render")]
    public Task<int> Search() => FindAndRenderAsync(PredictionsFind.Parse(_word, null, null, null));

    [Benchmark(Description = "Sort 1000 by year (newest first): find + render")]
    public Task<int> SortByYear() => FindAndRenderAsync(PredictionsFind.Parse(null, "year", null, null));

    [Benchmark(Description = "Filter 1000 (not yet on the list), sort by likelihood ascending: find + render")]
    public Task<int> FilterAndSort() => FindAndRenderAsync(PredictionsFind.Parse(null, "likelihood", "asc", "future"));

    [Benchmark(Description = "Search + sort + filter of 1000: find only (Core)")]
    public int FindOnly() => PredictionsFinder.Find(_entries, PredictionsFind.Parse(_word, "year", "asc", "future"), PageSize).Entries.Count;

    [Benchmark(Description = "Sort 1000 by year, all 1000 rows shown: find + render")]
    public Task<int> SortByYearAllRows() => FindAndRenderAsync(PredictionsFind.Parse(null, "year", null, null), PredictionsPageQuery.MaxEntries);

    private Task<int> FindAndRenderAsync(PredictionsFind find, int limit = PageSize)
    {
        var found = PredictionsFinder.Find(_entries, find, limit);
        var renderer = _renderer!;
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PredictionsTable.Found)] = found,
                [nameof(PredictionsTable.Find)] = find,
            });
            var output = await renderer.RenderComponentAsync<PredictionsTable>(parameters);
            return output.ToHtmlString().Length;
        });
    }
}
