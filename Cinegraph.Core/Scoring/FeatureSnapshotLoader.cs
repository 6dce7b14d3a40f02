using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Scoring;

/// <summary>
/// Builds a <see cref="FeatureSnapshot"/>: four flat queries (or an in-memory <see cref="BundleData"/>) aggregated
/// in memory by <see cref="Build"/>, the one place where rows become features.
/// </summary>
public sealed class FeatureSnapshotLoader(IDbContextFactory<CinegraphDbContext> dbFactory)
{
    public readonly record struct MovieRow(
        int Id,
        string ImdbId,
        string Title,
        int Year,
        double? ImdbRating,
        int? ImdbVotes,
        int? LetterboxdPopularityRank,
        IReadOnlyList<string>? Genres = null,
        IReadOnlyList<string>? Countries = null,
        string? OriginalLanguage = null);

    public readonly record struct AwardRow(int MovieId, string Event, string Award, string Category, bool Won);

    public readonly record struct MembershipRow(int MovieId, string ListKey, string ListKind, int? Edition, int? Rank);

    public readonly record struct CreditRow(int MovieId, string PersonId, int EventYear, bool Won);

    public async Task<FeatureSnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var movies = await db.Movies.AsNoTracking()
            .Select(m => new MovieRow(m.Id, m.ImdbId, m.Title, m.Year, m.ImdbRating, m.ImdbVotes, m.LetterboxdPopularityRank, m.Genres, m.Countries, m.OriginalLanguage))
            .ToListAsync(cancellationToken);
        var awards = await db.AwardNominations.AsNoTracking()
            .Select(a => new AwardRow(a.MovieId, a.Event, a.Award, a.Category, a.Won))
            .ToListAsync(cancellationToken);
        var memberships = await db.ListMemberships.AsNoTracking()
            .Join(db.CanonicalLists, m => m.ListId, l => l.Id, (m, l) => new MembershipRow(m.MovieId, l.Key, l.Kind, m.Edition, m.Rank))
            .ToListAsync(cancellationToken);
        var credits = await db.OscarCredits.AsNoTracking()
            .Select(c => new CreditRow(c.MovieId, c.PersonId, c.EventYear, c.Won))
            .ToListAsync(cancellationToken);
        var dataVersion = await db.DataImports.MaxAsync(i => (int?)i.DataVersion, cancellationToken) ?? 0;
        return Build(movies, awards, memberships, credits, dataVersion);
    }

    /// <summary>A snapshot straight from bundle data (benchmarks, scale tests); films are numbered in bundle order.</summary>
    public static FeatureSnapshot FromBundle(BundleData data, int dataVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var ids = new Dictionary<string, int>(data.Movies.Count, StringComparer.Ordinal);
        var movies = new List<MovieRow>(data.Movies.Count);
        foreach (var m in data.Movies)
        {
            var id = ids.Count + 1;
            ids[m.ImdbId] = id;
            movies.Add(new MovieRow(id, m.ImdbId, m.Title, m.Year, m.ImdbRating, m.ImdbVotes, m.LetterboxdPopularityRank, m.Genres, m.Countries, m.OriginalLanguage));
        }

        var kinds = data.Lists.ToDictionary(l => l.Key, l => l.Kind, StringComparer.Ordinal);
        return Build(
            movies,
            data.Awards.Select(a => new AwardRow(ids[a.ImdbId], a.Event, a.Award, a.Category, a.Won)),
            data.Memberships.Select(m => new MembershipRow(ids[m.ImdbId], m.ListKey, kinds[m.ListKey], m.Edition, m.Rank)),
            data.Credits.Select(c => new CreditRow(ids[c.ImdbId], c.PersonId, c.EventYear, c.Won)),
            dataVersion);
    }

    /// <summary>Aggregates catalogue rows into features; the 1001 list goes to the outcome, never to a feature.</summary>
    public static FeatureSnapshot Build(
        IEnumerable<MovieRow> movies,
        IEnumerable<AwardRow> awards,
        IEnumerable<MembershipRow> memberships,
        IEnumerable<CreditRow> credits,
        int dataVersion)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(awards);
        ArgumentNullException.ThrowIfNull(memberships);
        ArgumentNullException.ThrowIfNull(credits);

        var features = new Dictionary<int, MovieFeatures>();
        foreach (var m in movies)
        {
            features[m.Id] = new MovieFeatures
            {
                MovieId = m.Id,
                ImdbId = m.ImdbId,
                Title = m.Title,
                Year = m.Year,
                ImdbRating = m.ImdbRating,
                ImdbVotes = m.ImdbVotes,
                LetterboxdPopularityRank = m.LetterboxdPopularityRank,
                Genres = m.Genres ?? [],
                Countries = m.Countries ?? [],
                OriginalLanguage = m.OriginalLanguage,
            };
        }

        foreach (var a in awards)
        {
            var movie = features[a.MovieId];
            movie.AwardPoints += ScoringService.AwardPoints(a.Event, a.Award, a.Category, a.Won);
            foreach (var key in Learned.FeatureKeys.OfAward(a.Event, a.Award, a.Category, a.Won))
            {
                movie.Signals[key] = movie.Signals.GetValueOrDefault(key) + 1;
            }
        }

        var targetEditions = new Dictionary<int, List<int>>();
        foreach (var m in memberships)
        {
            if (m.ListKey == CanonicalList.TargetKey)
            {
                if (m.Edition is { } edition)
                {
                    (targetEditions.TryGetValue(m.MovieId, out var list) ? list : targetEditions[m.MovieId] = []).Add(edition);
                }
            }
            else if (m.ListKind != ListKinds.Target)
            {
                var movie = features[m.MovieId];
                movie.CanonPoints += ScoringService.ListPoints(m.ListKey, m.ListKind, m.Rank);
                Learned.FeatureKeys.AddListPlace(movie.Signals, m.ListKey, m.Rank);
            }
        }

        AddPeoplePoints(features, credits);
        return new FeatureSnapshot(
            [.. features.Values.OrderBy(f => f.MovieId)],
            targetEditions.ToDictionary(p => p.Key, p => p.Value.ToArray()),
            dataVersion);
    }

    /// <summary>
    /// A film's people points: for each distinct person credited on its Oscar nominations, their nominations and
    /// wins at ceremonies before this film's, summed.
    /// </summary>
    private static void AddPeoplePoints(Dictionary<int, MovieFeatures> features, IEnumerable<CreditRow> credits)
    {
        // One nomination per (person, film, ceremony), won if any of its categories was won.
        var nominations = credits
            .GroupBy(c => (c.PersonId, c.MovieId, c.EventYear))
            .Select(g => (g.Key.PersonId, g.Key.MovieId, g.Key.EventYear, Won: g.Any(c => c.Won)))
            .ToList();

        foreach (var person in nominations.GroupBy(n => n.PersonId))
        {
            var history = person.ToList();
            foreach (var film in history.GroupBy(n => n.MovieId))
            {
                var ceremony = film.Min(n => n.EventYear);
                var before = history.Where(n => n.EventYear < ceremony).ToList();
                var points = ScoringService.PriorRecognitionPoints(before.Count, before.Count(n => n.Won));
                var movie = features[film.Key];
                movie.PeoplePoints = (movie.PeoplePoints ?? 0) + points;
            }
        }
    }
}
