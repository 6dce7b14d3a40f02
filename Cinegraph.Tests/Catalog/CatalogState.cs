using System.Globalization;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Catalog;

/// <summary>Everything an import can change, read back from the database, for before/after comparisons.</summary>
public sealed record CatalogState(int DataVersion, int Movies, int Awards, int Lists, int Memberships, int Credits, int Imports, IReadOnlyList<string> Rows)
{
    /// <summary>
    /// Reads the catalogue. Rows are rendered with natural keys (IMDb ids, list keys) so two databases can be compared;
    /// with <paramref name="withIds"/> the surrogate ids are included too, to prove rows were kept rather than rewritten.
    /// </summary>
    public static async Task<CatalogState> CaptureAsync(IDbContextFactory<CinegraphDbContext> factory, bool withIds = false)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await factory.CreateDbContextAsync(ct);
        var movies = await db.Movies.AsNoTracking().ToListAsync(ct);
        var lists = await db.CanonicalLists.AsNoTracking().ToListAsync(ct);
        var awards = await db.AwardNominations.AsNoTracking().ToListAsync(ct);
        var memberships = await db.ListMemberships.AsNoTracking().ToListAsync(ct);
        var credits = await db.OscarCredits.AsNoTracking().ToListAsync(ct);
        var imports = await db.DataImports.AsNoTracking().ToListAsync(ct);
        var imdb = movies.ToDictionary(m => m.Id, m => m.ImdbId);
        var listKey = lists.ToDictionary(l => l.Id, l => l.Key);
        string Id(int id) => withIds ? $"#{id.ToString(CultureInfo.InvariantCulture)} " : "";
        string Num(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";

        var rows = new List<string>();
        rows.AddRange(movies.Select(m =>
            $"movie {Id(m.Id)}{m.ImdbId} {m.Title} {m.Year} {m.RuntimeMinutes} [{string.Join('|', m.Genres)}] [{string.Join('|', m.Countries)}] " +
            $"{m.OriginalLanguage} {Num(m.ImdbRating)} {m.ImdbVotes} {m.LetterboxdPopularityRank}"));
        rows.AddRange(lists.Select(l => $"list {Id(l.Id)}{l.Key} {l.Name} {l.Kind} {l.Description}"));
        rows.AddRange(awards.Select(a => $"award {Id(a.Id)}{imdb[a.MovieId]} {a.Event} {a.EventYear} {a.Award} {a.Category} {a.Won}"));
        rows.AddRange(memberships.Select(m => $"membership {Id(m.Id)}{listKey[m.ListId]} {imdb[m.MovieId]} {m.Edition} {m.Rank}"));
        rows.AddRange(credits.Select(c => $"credit {Id(c.Id)}{imdb[c.MovieId]} {c.PersonId} {c.PersonName} {c.Class} {c.Category} {c.EventYear} {c.Won}"));
        rows.Sort(StringComparer.Ordinal);

        return new CatalogState(
            imports.Count == 0 ? 0 : imports.Max(i => i.DataVersion),
            movies.Count,
            awards.Count,
            lists.Count,
            memberships.Count,
            credits.Count,
            imports.Count,
            rows);
    }
}
