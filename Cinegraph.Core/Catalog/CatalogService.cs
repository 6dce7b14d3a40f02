using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core.Catalog;

/// <summary>What the catalogue holds and where it came from, for the home page and the status panel.</summary>
public sealed record CatalogSummary(
    int Movies,
    int Awards,
    int Lists,
    int Memberships,
    int Credits,
    int DataVersion,
    bool IsDemo,
    string? Source,
    DateTimeOffset? ImportedAt,
    int? EarliestYear,
    int? LatestYear);

/// <summary>
/// What the catalogue records of one film (facts, not scores): its runtime, genres, production countries (ISO 3166-1
/// alpha-2) and original language as the bundle gives them, its award rows and its places on lists.
/// </summary>
public sealed record FilmFacts(IReadOnlyList<FilmAward> Awards, IReadOnlyList<FilmListPlace> Lists)
{
    public int? RuntimeMinutes { get; init; }

    public IReadOnlyList<string> Genres { get; init; } = [];

    public IReadOnlyList<string> Countries { get; init; } = [];

    public string? OriginalLanguage { get; init; }

    /// <summary>The first 1001 edition the film is on (the edition that added it), or null when it is on none.</summary>
    public int? AddedInEdition => Lists.Where(l => l.Kind == ListKinds.Target).Min(l => l.Edition);
}

public sealed record FilmAward(string Event, int EventYear, string Award, string Category, bool Won);

public sealed record FilmListPlace(string ListName, string Kind, int? Edition, int? Rank);

public sealed class CatalogService(
    IDbContextFactory<CinegraphDbContext> dbFactory,
    CatalogImporter importer,
    IOptions<DataOptions> dataOptions,
    ILogger<CatalogService> logger)
{
    public async Task<CatalogSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.DataImports.AsNoTracking().OrderByDescending(i => i.DataVersion).FirstOrDefaultAsync(cancellationToken);
        var movies = await db.Movies.CountAsync(cancellationToken);
        int? earliest = movies == 0 ? null : await db.Movies.MinAsync(m => m.Year, cancellationToken);
        int? newest = movies == 0 ? null : await db.Movies.MaxAsync(m => m.Year, cancellationToken);
        return new CatalogSummary(
            movies,
            await db.AwardNominations.CountAsync(cancellationToken),
            await db.CanonicalLists.CountAsync(cancellationToken),
            await db.ListMemberships.CountAsync(cancellationToken),
            await db.OscarCredits.CountAsync(cancellationToken),
            latest?.DataVersion ?? 0,
            latest?.IsDemo ?? false,
            latest?.Source,
            latest?.ImportedAt,
            earliest,
            newest);
    }

    /// <summary>A film's runtime, genres and countries, award rows (wins first, then newest) and list places, for the details dialog (three statements).</summary>
    public async Task<FilmFacts> GetFilmFactsAsync(int movieId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var movie = await db.Movies.AsNoTracking()
            .Where(m => m.Id == movieId)
            .Select(m => new { m.RuntimeMinutes, m.Genres, m.Countries, m.OriginalLanguage })
            .FirstOrDefaultAsync(cancellationToken);
        var awards = await db.AwardNominations.AsNoTracking()
            .Where(a => a.MovieId == movieId)
            .OrderByDescending(a => a.Won).ThenByDescending(a => a.EventYear).ThenBy(a => a.Event).ThenBy(a => a.Category)
            .Select(a => new FilmAward(a.Event, a.EventYear, a.Award, a.Category, a.Won))
            .ToListAsync(cancellationToken);
        var lists = await db.ListMemberships.AsNoTracking()
            .Where(m => m.MovieId == movieId)
            .Join(db.CanonicalLists, m => m.ListId, l => l.Id, (m, l) => new FilmListPlace(l.Name, l.Kind, m.Edition, m.Rank))
            .ToListAsync(cancellationToken);
        return new FilmFacts(awards, [.. lists.OrderBy(l => l.ListName, StringComparer.Ordinal).ThenBy(l => l.Edition)])
        {
            RuntimeMinutes = movie?.RuntimeMinutes,
            Genres = movie?.Genres ?? [],
            Countries = movie?.Countries ?? [],
            OriginalLanguage = movie?.OriginalLanguage,
        };
    }

    /// <summary>The current data version (0 before the first import).</summary>
    public async Task<int> GetDataVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DataImports.MaxAsync(i => (int?)i.DataVersion, cancellationToken) ?? 0;
    }

    /// <summary>The newest <paramref name="limit"/> imports (data versions), newest first, for the admin panel.</summary>
    public async Task<IReadOnlyList<DataImport>> GetImportHistoryAsync(int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DataImports.AsNoTracking().OrderByDescending(i => i.DataVersion).ThenByDescending(i => i.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Fills an empty catalogue: from <see cref="DataOptions.BundlePath"/> when set, else with the demo catalogue.
    /// A catalogue that already has data is left alone.
    /// </summary>
    public async Task EnsureSeededAsync(CancellationToken cancellationToken = default)
    {
        if (await GetDataVersionAsync(cancellationToken) > 0)
        {
            return;
        }

        var bundlePath = dataOptions.Value.BundlePath;
        if (!string.IsNullOrWhiteSpace(bundlePath))
        {
            CatalogLog.SeedingFromBundle(logger, bundlePath);
            await importer.ImportBundleAsync(bundlePath, cancellationToken: cancellationToken);
        }
        else
        {
            CatalogLog.SeedingDemo(logger);
            await importer.ImportAsync(DemoCatalogue.Generate(), DemoCatalogue.Source, isDemo: true, cancellationToken: cancellationToken);
        }
    }
}
