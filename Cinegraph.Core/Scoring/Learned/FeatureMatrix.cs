namespace Cinegraph.Core.Scoring.Learned;

/// <summary>
/// Every film's learned-profile feature values, built once per <see cref="FeatureSnapshot"/> (sparse rows: most films
/// have few awards and lists). Movie-level values are plain transforms (log votes, rating, and both measured against
/// the film's decade); award counts are log(1 + count); language, country and two genres are 0/1. Nothing here reads
/// the 1001 list.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly Dictionary<int, int> _rowOf;

    public FeatureMatrix(FeatureSnapshot snapshot, IReadOnlyList<FeatureDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(definitions);
        Keys = [.. definitions.Select(d => d.Key)];
        var column = Keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var decadeStats = snapshot.ByDecade.ToDictionary(p => p.Key, p => DecadeStats.Of(p.Value));
        _rowOf = new Dictionary<int, int>(snapshot.Movies.Count);
        Rows = new SparseRow[snapshot.Movies.Count];
        Low = new double[Keys.Length];
        High = new double[Keys.Length];
        var values = new Dictionary<int, double>(); // one film's values by column, reused
        for (var r = 0; r < snapshot.Movies.Count; r++)
        {
            var movie = snapshot.Movies[r];
            _rowOf[movie.MovieId] = r;
            values.Clear();
            void Set(string key, double value)
            {
                if (value != 0 && column.TryGetValue(key, out var c))
                {
                    values[c] = value;
                }
            }

            var stats = decadeStats[movie.Decade];
            var logVotes = Math.Log((movie.ImdbVotes ?? 0) + 1.0);
            var ratingInDecade = movie.ImdbRating is { } rated ? (rated - stats.MeanRating) / stats.SdRating : 0;
            var votesInDecade = (logVotes - stats.MeanLogVotes) / stats.SdLogVotes;
            Set("votes", logVotes);
            Set("votes_in_decade", votesInDecade);
            Set("rating_and_votes", ratingInDecade * votesInDecade);
            Set("votes_in_decade_squared", votesInDecade * votesInDecade);
            Set("lists", movie.Signals.Keys.Count(k => k.StartsWith("list:", StringComparison.Ordinal) && !k.EndsWith(":rank", StringComparison.Ordinal)));
            Set("rating", movie.ImdbRating ?? stats.MeanRating);
            Set("rating_in_decade", ratingInDecade);
            Set("letterboxd", movie.LetterboxdPopularityRank is { } rank ? Math.Clamp(Math.Log(5000.0 / rank) / Math.Log(5000), 0, 1) : 0);
            Set("year_in_decade", movie.Year - movie.Decade);
            Set("people", Math.Log(1 + (movie.PeoplePoints ?? 0)));
            Set("people_named", movie.PeoplePoints is null ? 0 : 1);
            Set("not_english", movie.OriginalLanguage is { } language && language != "en" ? 1 : 0);
            Set("not_us", movie.Countries.Count > 0 && !movie.Countries.Contains("US") ? 1 : 0);
            Set("documentary", movie.Genres.Contains("Documentary") ? 1 : 0);
            Set("animation", movie.Genres.Contains("Animation") ? 1 : 0);
            foreach (var (key, count) in movie.Signals)
            {
                Set(key, key.StartsWith("award:", StringComparison.Ordinal) ? Math.Log(1 + count) : count);
            }

            var columns = values.Keys.ToArray();
            Array.Sort(columns);
            Rows[r] = new SparseRow(columns, [.. columns.Select(c => values[c])]);
            for (var i = 0; i < Rows[r].Columns.Length; i++)
            {
                var c = Rows[r].Columns[i];
                Low[c] = Math.Min(Low[c], Rows[r].Values[i]);
                High[c] = Math.Max(High[c], Rows[r].Values[i]);
            }
        }
    }

    /// <summary>The feature keys, one per column.</summary>
    public string[] Keys { get; }

    public SparseRow[] Rows { get; }

    /// <summary>Each column's smallest value over the catalogue (0 included: absent values are 0).</summary>
    public double[] Low { get; }

    /// <summary>Each column's largest value over the catalogue.</summary>
    public double[] High { get; }

    public SparseRow RowOf(int movieId) => Rows[_rowOf[movieId]];

    public int IndexOf(int movieId) => _rowOf[movieId];

    private readonly record struct DecadeStats(double MeanRating, double SdRating, double MeanLogVotes, double SdLogVotes)
    {
        public static DecadeStats Of(IReadOnlyList<MovieFeatures> movies)
        {
            var ratings = movies.Where(m => m.ImdbRating is not null).Select(m => m.ImdbRating!.Value).ToArray();
            var votes = movies.Select(m => Math.Log((m.ImdbVotes ?? 0) + 1.0)).ToArray();
            var (meanRating, sdRating) = MeanSd(ratings, fallbackMean: 6);
            var (meanVotes, sdVotes) = MeanSd(votes, fallbackMean: 0);
            return new DecadeStats(meanRating, sdRating, meanVotes, sdVotes);
        }

        private static (double Mean, double Sd) MeanSd(double[] values, double fallbackMean)
        {
            if (values.Length == 0)
            {
                return (fallbackMean, 1);
            }

            var mean = values.Average();
            var sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
            return (mean, sd > 1e-9 ? sd : 1);
        }
    }
}

/// <summary>The non-zero feature values of one film, by column.</summary>
public readonly record struct SparseRow(int[] Columns, double[] Values);
