using System.Collections.Concurrent;
using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Core.Scoring;

/// <summary>
/// Ranks the films of a decade under a profile from one loaded <see cref="FeatureSnapshot"/>. Category scores are
/// computed once per film; a profile only re-weights them. Thread-safe.
/// </summary>
public sealed class MoviePredictor
{
    public const int FirstDecade = 1920;
    public const int LastDecade = 2020;
    public const int DefaultLimit = 1000;

    private readonly Dictionary<int, CategoryScores> _scores;
    private readonly ConcurrentDictionary<CategoryWeights, LikelihoodCalibration> _calibrations = new();
    private readonly ConcurrentDictionary<string, LikelihoodCalibration> _learnedCalibrations = new();
    private readonly Lazy<FeatureMatrix> _matrix;

    public MoviePredictor(FeatureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Snapshot = snapshot;
        _scores = new Dictionary<int, CategoryScores>(snapshot.Movies.Count);
        foreach (var movie in snapshot.Movies)
        {
            _scores[movie.MovieId] = ScoringService.Categorize(movie);
        }

        _matrix = new Lazy<FeatureMatrix>(() => new FeatureMatrix(snapshot, FeatureDefinitions.All));
    }

    /// <summary>The learned profile's feature values of every film (built on first use).</summary>
    public FeatureMatrix Matrix => _matrix.Value;

    /// <summary>The decades predictions are made for: 1920, 1930, …, 2020.</summary>
    public static IReadOnlyList<int> Decades { get; } = [.. Enumerable.Range(0, ((LastDecade - FirstDecade) / 10) + 1).Select(i => FirstDecade + (10 * i))];

    /// <summary>The decades whose outcome is known (all but the current one), used to fit and validate.</summary>
    public static IReadOnlyList<int> CompletedDecades { get; } = [.. Decades.Where(d => d < LastDecade)];

    public static bool IsSupportedDecade(int decade) => decade is >= FirstDecade and <= LastDecade && decade % 10 == 0;

    public FeatureSnapshot Snapshot { get; }

    /// <summary>The top <paramref name="limit"/> films of <paramref name="decade"/> under <paramref name="profile"/>.</summary>
    public DecadePrediction PredictDecade(int decade, ScoringProfile profile, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!IsSupportedDecade(decade))
        {
            throw new ArgumentOutOfRangeException(nameof(decade), decade, $"Decade must be one of {FirstDecade}, {FirstDecade + 10}, …, {LastDecade}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        CategoryWeights weights;
        LikelihoodCalibration calibration;
        IReadOnlyList<ScoredMovie> ranked;
        var entries = new List<PredictionEntry>();
        if (profile.Learned is { } learned)
        {
            var model = learned.ForDecade(decade);
            weights = CategoryShares(model);
            calibration = LearnedCalibration(learned);
            ranked = Rank(Snapshot.InDecade(decade), model);
            for (var i = 0; i < ranked.Count && i < limit; i++)
            {
                entries.Add(ToLearnedEntry(i + 1, ranked[i], model, calibration));
            }
        }
        else
        {
            weights = profile.Weights.EnsureValid();
            calibration = Calibration(weights);
            ranked = Rank(Snapshot.InDecade(decade), weights);
            for (var i = 0; i < ranked.Count && i < limit; i++)
            {
                entries.Add(ToEntry(i + 1, ranked[i], weights, calibration));
            }
        }

        var future = ranked.Count(r => !Snapshot.IsOnNewestEdition(r.Movie.MovieId));
        return new DecadePrediction(
            decade,
            profile.Name,
            weights,
            entries,
            ranked.Count,
            future,
            Snapshot.NewestEdition,
            ScoringService.AlgorithmVersion,
            Snapshot.DataVersion,
            calibration,
            profile.Learned?.Version);
    }

    /// <summary>
    /// All of <paramref name="movies"/> scored and in the fixed order: total descending, then votes descending, then
    /// IMDb id ascending.
    /// </summary>
    public IReadOnlyList<ScoredMovie> Rank(IEnumerable<MovieFeatures> movies, CategoryWeights weights)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var scored = movies.Select(m => new ScoredMovie(m, _scores[m.MovieId], ScoringService.Total(_scores[m.MovieId], weights))).ToArray();
        Array.Sort(scored, ScoredOrder.Instance);
        return scored;
    }

    /// <summary>
    /// The films of <paramref name="decade"/> in ranking order under <paramref name="profile"/>; a learned profile ranks
    /// a completed decade with the model that never saw its labels.
    /// </summary>
    public IReadOnlyList<ScoredMovie> RankDecade(int decade, ScoringProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Learned is { } learned
            ? Rank(Snapshot.InDecade(decade), learned.ForDecade(decade))
            : Rank(Snapshot.InDecade(decade), profile.Weights);
    }

    /// <summary>
    /// <paramref name="movies"/> ranked as known at <paramref name="edition"/>, as candidates for the next edition. A
    /// learned profile is a model of additions: films released in or after the edition's year (which it could not yet
    /// choose) come first, each group in the order of the model fitted on that edition's membership. A weights profile
    /// ranks by its weights alone.
    /// </summary>
    public IReadOnlyList<ScoredMovie> RankAsOf(IEnumerable<MovieFeatures> movies, ScoringProfile profile, int edition)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Learned is not { } learned)
        {
            return Rank(movies, profile.Weights);
        }

        var ranked = Rank(movies, learned.ForEdition(edition));
        return [.. ranked.Where(r => r.Movie.Year >= edition), .. ranked.Where(r => r.Movie.Year < edition)];
    }

    /// <summary>All of <paramref name="movies"/> scored by one learned model, in the fixed order.</summary>
    public IReadOnlyList<ScoredMovie> Rank(IEnumerable<MovieFeatures> movies, LearnedModel model)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(model);
        var matrix = Matrix;
        var scored = movies.Select(m => new ScoredMovie(m, _scores[m.MovieId], model.Total(matrix.RowOf(m.MovieId)))).ToArray();
        Array.Sort(scored, ScoredOrder.Instance);
        return scored;
    }

    /// <summary>
    /// The likelihood map of a learned profile, fitted out of sample: each completed decade's films are scored by the
    /// model that never saw that decade's labels.
    /// </summary>
    public LikelihoodCalibration LearnedCalibration(LearnedModels learned)
    {
        ArgumentNullException.ThrowIfNull(learned);
        return _learnedCalibrations.GetOrAdd(learned.Version, _ =>
        {
            var samples = new List<(double, int, bool)>();
            foreach (var decade in CompletedDecades)
            {
                var model = learned.ForDecade(decade);
                var films = Snapshot.InDecade(decade);
                foreach (var movie in films)
                {
                    samples.Add((model.Total(Matrix.RowOf(movie.MovieId)), films.Count, Snapshot.IsOnNewestEdition(movie.MovieId)));
                }
            }

            return LikelihoodCalibration.FitWithDecadeSize(samples);
        });
    }

    /// <summary>
    /// A decade's size as a learned likelihood map reads it: its number of films, and for the decade under way that
    /// number scaled up to ten years from the latest release year in the data (the map was fitted on whole decades).
    /// </summary>
    public int DecadeSize(int decade)
    {
        var films = Snapshot.InDecade(decade);
        if (films.Count == 0 || decade < LastDecade)
        {
            return films.Count;
        }

        var years = Math.Clamp(films.Max(m => m.Year) - decade + 1, 1, 10);
        return (int)Math.Round(films.Count * 10.0 / years);
    }

    /// <summary>Each category's share of the points its features can add in a learned model: its weights as a profile.</summary>
    public static CategoryWeights CategoryShares(LearnedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ranges = model.Ranges();
        var all = ranges.Sum();
        var categories = FeatureDefinitions.All.ToDictionary(f => f.Key, f => f.Category);
        double Share(ScoreCategory category) =>
            all <= 0 ? 0 : Math.Round(model.Keys.Select((k, c) => categories.GetValueOrDefault(k) == category ? ranges[c] : 0).Sum() / all, 6);
        var shares = new CategoryWeights(Share(ScoreCategory.PopularOpinion), Share(ScoreCategory.IndustryRecognition), Share(ScoreCategory.CulturalImpact), Share(ScoreCategory.PeopleQuality));
        return shares.Sum > 0 ? shares : CategoryWeights.Balanced;
    }

    /// <summary>The likelihood map for a set of weights, fitted on the completed decades (cached per weights).</summary>
    public LikelihoodCalibration Calibration(CategoryWeights weights) =>
        _calibrations.GetOrAdd(weights, w =>
        {
            var samples = new List<(double, bool)>();
            foreach (var decade in CompletedDecades)
            {
                foreach (var movie in Snapshot.InDecade(decade))
                {
                    samples.Add((ScoringService.Total(_scores[movie.MovieId], w), Snapshot.IsOnNewestEdition(movie.MovieId)));
                }
            }

            return LikelihoodCalibration.Fit(samples);
        });

    private PredictionEntry ToEntry(int rank, ScoredMovie scored, CategoryWeights weights, LikelihoodCalibration calibration)
    {
        var effective = ScoringService.EffectiveWeights(scored.Scores, weights);
        var breakdown = ScoreCategories.All
            .Select(c =>
            {
                var raw = scored.Scores[c];
                return new CategoryBreakdown(
                    ScoreCategories.Key(c),
                    raw is { } value ? Round(100 * value) : null,
                    Round(weights[c]),
                    Round(effective[c]),
                    Round(100 * effective[c] * (raw ?? 0)));
            })
            .ToArray();
        return NewEntry(rank, scored, calibration, breakdown);
    }

    /// <summary>The entry of a scored film, whatever kind of profile scored it.</summary>
    private PredictionEntry NewEntry(int rank, ScoredMovie scored, LikelihoodCalibration calibration, CategoryBreakdown[] breakdown)
    {
        var movie = scored.Movie;
        return new PredictionEntry(
            rank,
            movie.MovieId,
            movie.ImdbId,
            movie.Title,
            movie.Year,
            Round(scored.Total),
            Round(calibration.Likelihood(scored.Total, DecadeSize(movie.Decade))),
            Snapshot.IsOnNewestEdition(movie.MovieId) ? PredictionStatus.AlreadyAdded : PredictionStatus.FuturePrediction,
            movie.ImdbVotes,
            breakdown);
    }

    private PredictionEntry ToLearnedEntry(int rank, ScoredMovie scored, LearnedModel model, LikelihoodCalibration calibration)
    {
        var movie = scored.Movie;
        var points = model.Contributions(Matrix.RowOf(movie.MovieId));
        var ranges = model.Ranges();
        var all = ranges.Sum();
        var definitions = FeatureDefinitions.All;
        var breakdown = ScoreCategories.All
            .Select(category =>
            {
                double sum = 0, range = 0;
                for (var c = 0; c < points.Length; c++)
                {
                    if (definitions[c].Category == category)
                    {
                        sum += points[c];
                        range += ranges[c];
                    }
                }

                return new CategoryBreakdown(
                    ScoreCategories.Key(category),
                    range > 0 ? Round(Math.Clamp(100 * sum / range, 0, 100)) : null,
                    Round(all <= 0 ? 0 : range / all),
                    Round(all <= 0 ? 0 : range / all),
                    Round(sum));
            })
            .ToArray();
        var features = Enumerable.Range(0, points.Length)
            .Where(c => Round(points[c]) > 0)
            .OrderByDescending(c => points[c])
            .ThenBy(c => c)
            .Select(c => new FeatureContribution(definitions[c].Key, definitions[c].Name, ScoreCategories.Key(definitions[c].Category), Round(points[c])))
            .ToArray();
        return NewEntry(rank, scored, calibration, breakdown) with { Features = features };
    }

    /// <summary>
    /// Figures leave the predictor with 4 decimals: more is noise, and it keeps a cached 1000-entry row small. The
    /// ranking itself uses the exact totals.
    /// </summary>
    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private sealed class ScoredOrder : IComparer<ScoredMovie>
    {
        public static readonly ScoredOrder Instance = new();

        public int Compare(ScoredMovie? x, ScoredMovie? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            return RankingOrder.Compare(x.Total, x.Movie.ImdbVotes, x.Movie.ImdbId, y.Total, y.Movie.ImdbVotes, y.Movie.ImdbId);
        }
    }
}

/// <summary>A film with its category scores and total under some weights.</summary>
public sealed record ScoredMovie(MovieFeatures Movie, CategoryScores Scores, double Total);
