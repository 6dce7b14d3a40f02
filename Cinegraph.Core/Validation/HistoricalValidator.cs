using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Validation;

/// <summary>
/// Measures a profile against what the 1001 list actually did: per-decade recall@N and the edition backtest.
/// Uses the same <see cref="MoviePredictor"/> ranking as the predictions, over every film of a decade.
/// </summary>
public sealed class HistoricalValidator(MoviePredictor predictor)
{
    private FeatureSnapshot Snapshot => predictor.Snapshot;

    public ProfileValidation Validate(ScoringProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var decades = MoviePredictor.CompletedDecades.Select(d => ValidateDecade(d, profile)).ToArray();
        var provisional = ValidateDecade(MoviePredictor.LastDecade, profile);
        var onList = decades.Sum(d => d.OnList);
        var withFilms = decades.Where(d => d.OnList > 0).ToArray();
        return new ProfileValidation(
            profile.Name,
            profile.Weights,
            Snapshot.NewestEdition,
            decades,
            provisional,
            onList == 0 ? 0 : 100.0 * decades.Sum(d => d.Hits) / onList,
            withFilms.Length == 0 ? 0 : withFilms.Average(d => d.AccuracyPercent))
        {
            HeldOut = profile.Learned is not null,
            Reliability = Validation.Reliability.Of(predictor, profile),
        };
    }

    public DecadeValidation ValidateDecade(int decade, CategoryWeights weights) =>
        ValidateDecade(decade, new ScoringProfile("Custom", weights));

    /// <summary>One decade's recall@N; a learned profile's ranking comes from the model fitted without the decade's labels.</summary>
    public DecadeValidation ValidateDecade(int decade, ScoringProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var ranked = predictor.RankDecade(decade, profile);
        var onList = ranked.Count(r => Snapshot.IsOnNewestEdition(r.Movie.MovieId));
        var hits = ranked.Take(onList).Count(r => Snapshot.IsOnNewestEdition(r.Movie.MovieId));
        return new DecadeValidation(decade, ranked.Count, onList, hits);
    }

    /// <summary>
    /// Ranks the films (released up to the newest edition) that are not on <paramref name="baseEdition"/>, and checks
    /// how many of the films the later editions added land in the top K, K = the number added.
    /// </summary>
    public EditionBacktest BacktestEditions(ScoringProfile profile, int baseEdition)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var later = Snapshot.Editions.Where(e => e > baseEdition).ToArray();
        if (!Snapshot.Editions.Contains(baseEdition) || later.Length == 0)
        {
            return new EditionBacktest(profile.Name, baseEdition, later, 0, 0, 0, [], []);
        }

        var newest = later[^1];
        var (candidates, added, hits, films) = Backtest(profile, baseEdition, later, newest);
        var steps = new List<EditionStep>();
        var previous = baseEdition;
        foreach (var edition in later)
        {
            var step = Backtest(profile, previous, [edition], edition);
            steps.Add(new EditionStep(edition, previous, step.Candidates, step.Added, step.Hits));
            previous = edition;
        }

        return new EditionBacktest(profile.Name, baseEdition, later, candidates, added, hits, films, steps) { HeldOut = profile.Learned is not null };
    }

    private (int Candidates, int Added, int Hits, IReadOnlyList<BacktestFilm> Films) Backtest(
        ScoringProfile profile, int fromEdition, IReadOnlyList<int> laterEditions, int latestYear)
    {
        // A learned profile ranks with the model fitted on the edition the step starts from: what was known then.
        var pool = Snapshot.Movies.Where(m => m.Year <= latestYear && !Snapshot.IsOnEdition(m.MovieId, fromEdition));
        var ranked = predictor.RankAsOf(pool, profile, fromEdition);
        int? AddedIn(int movieId) => laterEditions.Cast<int?>().FirstOrDefault(e => Snapshot.IsOnEdition(movieId, e!.Value));

        var films = new List<BacktestFilm>();
        for (var i = 0; i < ranked.Count; i++)
        {
            if (AddedIn(ranked[i].Movie.MovieId) is { } edition)
            {
                var movie = ranked[i].Movie;
                films.Add(new BacktestFilm(movie.ImdbId, movie.Title, movie.Year, edition, i + 1, Hit: false));
            }
        }

        var k = films.Count;
        films = [.. films.Select(f => f with { Hit = f.Rank <= k })];
        return (ranked.Count, k, films.Count(f => f.Hit), films);
    }
}
