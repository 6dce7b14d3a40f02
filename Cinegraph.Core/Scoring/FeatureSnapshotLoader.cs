using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Scoring;

/// <summary>Loads a <see cref="FeatureSnapshot"/> with a handful of flat queries, aggregated in memory.</summary>
public sealed class FeatureSnapshotLoader(IDbContextFactory<CinegraphDbContext> dbFactory)
{
    public async Task<FeatureSnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var movies = await db.Movies.AsNoTracking()
            .Select(m => new { m.Id, m.ImdbId, m.Title, m.Year, m.ImdbRating, m.ImdbVotes, m.LetterboxdPopularityRank })
            .ToListAsync(cancellationToken);
        var features = new Dictionary<int, MovieFeatures>(movies.Count);
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
            };
        }

        var awards = await db.AwardNominations.AsNoTracking()
            .Select(a => new { a.MovieId, a.Event, a.Award, a.Category, a.Won })
            .ToListAsync(cancellationToken);
        foreach (var a in awards)
        {
            features[a.MovieId].AwardPoints += ScoringService.AwardPoints(a.Event, a.Award, a.Category, a.Won);
        }

        var memberships = await db.ListMemberships.AsNoTracking()
            .Join(db.CanonicalLists, m => m.ListId, l => l.Id, (m, l) => new { m.MovieId, l.Key, l.Kind, m.Edition, m.Rank })
            .ToListAsync(cancellationToken);
        var targetEditions = new Dictionary<int, List<int>>();
        foreach (var m in memberships)
        {
            if (m.Key == CanonicalList.TargetKey)
            {
                if (m.Edition is { } edition)
                {
                    (targetEditions.TryGetValue(m.MovieId, out var list) ? list : targetEditions[m.MovieId] = []).Add(edition);
                }
            }
            else if (m.Kind != ListKinds.Target)
            {
                features[m.MovieId].CanonPoints += ScoringService.ListPoints(m.Key, m.Kind, m.Rank);
            }
        }

        var credits = await db.OscarCredits.AsNoTracking()
            .Select(c => new { c.MovieId, c.PersonId, c.EventYear, c.Won })
            .ToListAsync(cancellationToken);
        AddPeoplePoints(features, credits.Select(c => (c.MovieId, c.PersonId, c.EventYear, c.Won)));

        var dataVersion = await db.DataImports.MaxAsync(i => (int?)i.DataVersion, cancellationToken) ?? 0;
        return new FeatureSnapshot(
            [.. features.Values.OrderBy(f => f.MovieId)],
            targetEditions.ToDictionary(p => p.Key, p => p.Value.ToArray()),
            dataVersion);
    }

    /// <summary>
    /// A film's people points: for each distinct person credited on its Oscar nominations, their nominations and
    /// wins at ceremonies before this film's, summed.
    /// </summary>
    internal static void AddPeoplePoints(Dictionary<int, MovieFeatures> features, IEnumerable<(int MovieId, string PersonId, int EventYear, bool Won)> credits)
    {
        // One nomination per (person, film, year): a person nominated twice for one film counts once per ceremony.
        var nominations = credits
            .GroupBy(c => (c.PersonId, c.MovieId, c.EventYear))
            .Select(g => (g.Key.PersonId, g.Key.MovieId, g.Key.EventYear, Won: g.Any(c => c.Won)))
            .ToList();

        foreach (var person in nominations.GroupBy(n => n.PersonId))
        {
            var history = person.OrderBy(n => n.EventYear).ToList();
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
