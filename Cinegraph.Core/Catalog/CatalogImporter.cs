using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Catalog;

/// <summary>
/// Writes a <see cref="BundleData"/> into the catalogue: an upsert by natural keys in one transaction. Identical
/// content changes nothing and keeps the data version; changed content bumps it. Rows the new content no longer
/// has are removed, so a real bundle replaces the demo catalogue cleanly.
/// </summary>
public sealed class CatalogImporter(IDbContextFactory<CinegraphDbContext> dbFactory, TimeProvider time, ILogger<CatalogImporter> logger)
{
    /// <summary>Reads the bundle folder and imports it; see <see cref="ImportAsync"/> for <paramref name="allowShrink"/>.</summary>
    public async Task<ImportResult> ImportBundleAsync(string folder, bool allowShrink = false, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var data = await Task.Run(() => BundleReader.Read(folder, progress), cancellationToken);
        return await ImportAsync(data, Path.GetFullPath(folder), isDemo: false, allowShrink, progress, cancellationToken);
    }

    /// <summary>
    /// Imports <paramref name="data"/>; <paramref name="source"/> is recorded on the import row. Over a bundle catalogue,
    /// an import that would shrink it (<see cref="CatalogShrink"/>) throws <see cref="CatalogShrinkException"/> and
    /// writes nothing, unless <paramref name="allowShrink"/>. Replacing the generated demo catalogue is never a shrink.
    /// </summary>
    public async Task<ImportResult> ImportAsync(
        BundleData data,
        string source,
        bool isDemo,
        bool allowShrink = false,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var hash = CatalogContentHash.Of(data, isDemo);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.DataImports.AsNoTracking().OrderByDescending(i => i.DataVersion).FirstOrDefaultAsync(cancellationToken);

        // Imports before the hash was taken over sorted rows stored the hash of the rows as read.
        if (latest is not null && (latest.ContentHash == hash || latest.ContentHash == CatalogContentHash.AsRead(data, isDemo)))
        {
            CatalogLog.ImportUnchanged(logger, source, latest.DataVersion);
            progress?.Report($"unchanged: data version stays {latest.DataVersion}");
            return new ImportResult(Changed: false, latest.DataVersion, Counts(data));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!allowShrink && latest is { IsDemo: false } && await CatalogShrink.MeasureAsync(db, data, cancellationToken) is { IsRefused: true } shrink)
        {
            throw new CatalogShrinkException(shrink);
        }

        // Tens of thousands of tracked rows: detect changes once per save instead of on every Add.
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var (movieIds, filmsRemoved) = await SyncMoviesAsync(db, data.Movies, cancellationToken);
        progress?.Report($"movies: {data.Movies.Count} written");
        var listIds = await SyncListsAsync(db, data.Lists, cancellationToken);
        await SyncAwardsAsync(db, data.Awards, movieIds, cancellationToken);
        progress?.Report($"awards: {data.Awards.Count} written");
        await SyncMembershipsAsync(db, data.Memberships, movieIds, listIds, cancellationToken);
        progress?.Report($"lists: {data.Lists.Count} lists, {data.Memberships.Count} memberships written");
        await SyncCreditsAsync(db, data.Credits, movieIds, cancellationToken);
        progress?.Report($"oscar people: {data.Credits.Count} credits written");

        // Results computed from another catalogue must never be shown: the demo replaced by a bundle (or back), or
        // films removed (rows may name them, and every validation counted them). A bump on the same films keeps them.
        var replaced = latest is not null && (latest.IsDemo != isDemo || filmsRemoved > 0);
        if (replaced)
        {
            var cleared = await db.PredictionCache.ExecuteDeleteAsync(cancellationToken)
                + await db.ValidationCache.ExecuteDeleteAsync(cancellationToken)
                + await db.ComparisonCache.ExecuteDeleteAsync(cancellationToken);
            CatalogLog.CatalogueReplaced(logger, source, filmsRemoved, cleared);
            progress?.Report($"another catalogue ({(latest!.IsDemo != isDemo ? "demo ↔ bundle" : $"{filmsRemoved} films removed")}): {cleared} cached results cleared; refresh all profiles");
        }

        var version = (latest?.DataVersion ?? 0) + 1;
        var counts = Counts(data);
        db.DataImports.Add(new DataImport
        {
            ImportedAt = time.GetUtcNow(),
            Source = source,
            IsDemo = isDemo,
            ContentHash = hash,
            DataVersion = version,
            CatalogueReplaced = replaced,
            Movies = counts.Movies,
            Awards = counts.Awards,
            Lists = counts.Lists,
            Memberships = counts.Memberships,
            Credits = counts.Credits,
        });
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        CatalogLog.Imported(logger, source, version, counts.Movies);
        progress?.Report($"data version {version}");
        return new ImportResult(Changed: true, version, counts);
    }

    private static Task<int> SaveAsync(CinegraphDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        return db.SaveChangesAsync(cancellationToken);
    }

    private static ImportCounts Counts(BundleData data) =>
        new(data.Movies.Count, data.Awards.Count, data.Lists.Count, data.Memberships.Count, data.Credits.Count);

    private static async Task<(Dictionary<string, int> Ids, int Removed)> SyncMoviesAsync(CinegraphDbContext db, IReadOnlyList<BundleMovie> incoming, CancellationToken cancellationToken)
    {
        var existing = await db.Movies.ToDictionaryAsync(m => m.ImdbId, StringComparer.Ordinal, cancellationToken);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in incoming)
        {
            wanted.Add(row.ImdbId);
            if (!existing.TryGetValue(row.ImdbId, out var movie))
            {
                movie = new Movie { ImdbId = row.ImdbId, Title = row.Title };
                db.Movies.Add(movie);
                existing[row.ImdbId] = movie;
            }

            movie.Title = row.Title;
            movie.Year = row.Year;
            movie.RuntimeMinutes = row.RuntimeMinutes;
            if (!movie.Genres.SequenceEqual(row.Genres, StringComparer.Ordinal))
            {
                movie.Genres = [.. row.Genres];
            }

            if (!movie.Countries.SequenceEqual(row.Countries, StringComparer.Ordinal))
            {
                movie.Countries = [.. row.Countries];
            }

            movie.OriginalLanguage = row.OriginalLanguage;
            movie.ImdbRating = row.ImdbRating;
            movie.ImdbVotes = row.ImdbVotes;
            movie.LetterboxdPopularityRank = row.LetterboxdPopularityRank;
        }

        // Child rows of removed films go with them (cascade), before the children are synced.
        var removed = existing.Values.Where(m => !wanted.Contains(m.ImdbId)).ToList();
        db.Movies.RemoveRange(removed);
        await SaveAsync(db, cancellationToken);
        return (existing.Values.Where(m => wanted.Contains(m.ImdbId)).ToDictionary(m => m.ImdbId, m => m.Id, StringComparer.Ordinal), removed.Count);
    }

    private static async Task<Dictionary<string, int>> SyncListsAsync(CinegraphDbContext db, IReadOnlyList<BundleList> incoming, CancellationToken cancellationToken)
    {
        var existing = await db.CanonicalLists.ToDictionaryAsync(l => l.Key, StringComparer.Ordinal, cancellationToken);
        var wanted = incoming.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var row in incoming)
        {
            if (!existing.TryGetValue(row.Key, out var list))
            {
                list = new CanonicalList { Key = row.Key, Name = row.Name, Kind = row.Kind };
                db.CanonicalLists.Add(list);
                existing[row.Key] = list;
            }

            list.Name = row.Name;
            list.Kind = row.Kind;
            list.Description = row.Description;
        }

        db.CanonicalLists.RemoveRange(existing.Values.Where(l => !wanted.Contains(l.Key)));
        await SaveAsync(db, cancellationToken);
        return existing.Values.Where(l => wanted.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Id, StringComparer.Ordinal);
    }

    private static async Task SyncAwardsAsync(CinegraphDbContext db, IReadOnlyList<BundleAward> incoming, Dictionary<string, int> movieIds, CancellationToken cancellationToken)
    {
        // An award row has no data beyond its key: insert what is new, delete what is gone.
        var existing = (await db.AwardNominations.ToListAsync(cancellationToken))
            .GroupBy(a => (a.MovieId, a.Event, a.EventYear, a.Award, a.Category, a.Won))
            .ToDictionary(g => g.Key, g => g.ToList());
        var wanted = new HashSet<(int, string, int, string, string, bool)>();
        foreach (var row in incoming)
        {
            var key = (movieIds[row.ImdbId], row.Event, row.EventYear, row.Award, row.Category, row.Won);
            if (!wanted.Add(key) || existing.ContainsKey(key))
            {
                continue;
            }

            db.AwardNominations.Add(new AwardNomination
            {
                MovieId = key.Item1,
                Event = row.Event,
                EventYear = row.EventYear,
                Award = row.Award,
                Category = row.Category,
                Won = row.Won,
            });
        }

        foreach (var (key, rows) in existing)
        {
            // A key found twice in the database keeps one row.
            db.AwardNominations.RemoveRange(wanted.Contains(key) ? rows.Skip(1) : rows);
        }

        await SaveAsync(db, cancellationToken);
    }

    private static async Task SyncMembershipsAsync(
        CinegraphDbContext db,
        IReadOnlyList<BundleMembership> incoming,
        Dictionary<string, int> movieIds,
        Dictionary<string, int> listIds,
        CancellationToken cancellationToken)
    {
        var existing = (await db.ListMemberships.ToListAsync(cancellationToken))
            .GroupBy(m => (m.ListId, m.MovieId, m.Edition))
            .ToDictionary(g => g.Key, g => g.ToList());
        var wanted = new HashSet<(int, int, int?)>();
        foreach (var row in incoming)
        {
            var key = (listIds[row.ListKey], movieIds[row.ImdbId], row.Edition);
            if (!wanted.Add(key))
            {
                continue;
            }

            if (existing.TryGetValue(key, out var rows))
            {
                rows[0].Rank = row.Rank;
            }
            else
            {
                db.ListMemberships.Add(new ListMembership { ListId = key.Item1, MovieId = key.Item2, Edition = row.Edition, Rank = row.Rank });
            }
        }

        foreach (var (key, rows) in existing)
        {
            db.ListMemberships.RemoveRange(wanted.Contains(key) ? rows.Skip(1) : rows);
        }

        await SaveAsync(db, cancellationToken);
    }

    private static async Task SyncCreditsAsync(CinegraphDbContext db, IReadOnlyList<BundleCredit> incoming, Dictionary<string, int> movieIds, CancellationToken cancellationToken)
    {
        // Won is part of the key: a person can be nominated twice in one category and year for one film (two
        // songs), winning once; the bundle then has a won and a lost row, both kept.
        var existing = (await db.OscarCredits.ToListAsync(cancellationToken))
            .GroupBy(c => (c.MovieId, c.PersonId, c.Category, c.EventYear, c.Won))
            .ToDictionary(g => g.Key, g => g.ToList());
        var wanted = new HashSet<(int, string, string, int, bool)>();
        foreach (var row in incoming)
        {
            var key = (movieIds[row.ImdbId], row.PersonId, row.Category, row.EventYear, row.Won);
            if (!wanted.Add(key))
            {
                continue;
            }

            if (!existing.TryGetValue(key, out var rows))
            {
                rows = [new OscarCredit { MovieId = key.Item1, PersonId = row.PersonId, Class = row.Class, Category = row.Category, EventYear = row.EventYear, Won = row.Won }];
                db.OscarCredits.Add(rows[0]);
            }

            rows[0].PersonName = row.PersonName;
            rows[0].Class = row.Class;
        }

        foreach (var (key, rows) in existing)
        {
            db.OscarCredits.RemoveRange(wanted.Contains(key) ? rows.Skip(1) : rows);
        }

        await SaveAsync(db, cancellationToken);
    }
}

public sealed record ImportCounts(int Movies, int Awards, int Lists, int Memberships, int Credits);

/// <summary>What an import did: whether it changed the catalogue, and the data version now current.</summary>
public sealed record ImportResult(bool Changed, int DataVersion, ImportCounts Counts);
