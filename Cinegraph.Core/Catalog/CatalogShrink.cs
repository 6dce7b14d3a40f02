using System.Globalization;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Catalog;

/// <summary>One bundle file's rows in the catalogue now and after the import.</summary>
public sealed record FileRows(string File, int Before, int After);

/// <summary>
/// What an import would take away from a bundle catalogue: films removed and each file's rows before and after. An
/// import that drops more than <see cref="MaxFilmLoss"/> of the films, or every row of a file that had rows, is
/// refused unless shrinking is allowed: a headers-only or truncated bundle must not silently empty the catalogue.
/// </summary>
public sealed record CatalogShrink(int FilmsBefore, int FilmsRemoved, IReadOnlyList<FileRows> Files)
{
    /// <summary>The share of the films an import may remove without being allowed to shrink the catalogue.</summary>
    public const double MaxFilmLoss = 0.10;

    public bool TooManyFilmsRemoved => FilmsRemoved > FilmsBefore * MaxFilmLoss;

    public IEnumerable<FileRows> EmptiedFiles => Files.Where(f => f.Before > 0 && f.After == 0);

    public bool IsRefused => TooManyFilmsRemoved || EmptiedFiles.Any();

    /// <summary>Compares the catalogue in <paramref name="db"/> with <paramref name="data"/> (one query per table).</summary>
    public static async Task<CatalogShrink> MeasureAsync(CinegraphDbContext db, BundleData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(data);
        var incoming = data.Movies.Select(m => m.ImdbId).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Movies.Select(m => m.ImdbId).ToListAsync(cancellationToken);
        FileRows[] files =
        [
            new(BundleReader.MoviesFile, existing.Count, data.Movies.Count),
            new(BundleReader.AwardsFile, await db.AwardNominations.CountAsync(cancellationToken), data.Awards.Count),
            new(BundleReader.ListDefinitionsFile, await db.CanonicalLists.CountAsync(cancellationToken), data.Lists.Count),
            new(BundleReader.ListsFile, await db.ListMemberships.CountAsync(cancellationToken), data.Memberships.Count),
            new(BundleReader.OscarPeopleFile, await db.OscarCredits.CountAsync(cancellationToken), data.Credits.Count),
        ];
        return new CatalogShrink(existing.Count, existing.Count(id => !incoming.Contains(id)), files);
    }

    /// <summary>What would be lost, e.g. "it would remove 14259 of 14259 films (100 %) and empty awards.csv; rows per file: …".</summary>
    public string Describe()
    {
        var reasons = new List<string>();
        if (TooManyFilmsRemoved)
        {
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"remove {FilmsRemoved} of {FilmsBefore} films ({100.0 * FilmsRemoved / FilmsBefore:0.#} %, more than {MaxFilmLoss * 100:0} %)"));
        }

        reasons.AddRange(EmptiedFiles.Select(f => $"empty {f.File}"));
        var perFile = Files.Where(f => f.After < f.Before).Select(f => $"{f.File} {f.Before} → {f.After}");
        return $"the import would {string.Join(" and ", reasons)}; rows per file: {string.Join(", ", perFile)}";
    }
}

/// <summary>An import refused because it would shrink the catalogue (see <see cref="CatalogShrink"/>); nothing was written.</summary>
public sealed class CatalogShrinkException(CatalogShrink shrink) : Exception(shrink?.Describe())
{
    public CatalogShrink Shrink { get; } = shrink ?? throw new ArgumentNullException(nameof(shrink));
}
