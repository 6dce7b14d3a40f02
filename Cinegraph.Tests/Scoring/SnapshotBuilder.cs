using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

/// <summary>Builds small in-memory feature snapshots for scorer and validator tests.</summary>
internal sealed class SnapshotBuilder
{
    private readonly List<MovieFeatures> _movies = [];
    private readonly Dictionary<int, int[]> _editions = [];

    public SnapshotBuilder Film(
        int year,
        double? rating = 7.0,
        int? votes = 10_000,
        int? letterboxd = null,
        double awards = 0,
        double canon = 0,
        double? people = null,
        params int[] editions)
    {
        var id = _movies.Count + 1;
        _movies.Add(new MovieFeatures
        {
            MovieId = id,
            ImdbId = $"tt{id:D7}",
            Title = $"Film {id}",
            Year = year,
            ImdbRating = rating,
            ImdbVotes = votes,
            LetterboxdPopularityRank = letterboxd,
            AwardPoints = awards,
            CanonPoints = canon,
            PeoplePoints = people,
        });
        if (editions.Length > 0)
        {
            _editions[id] = editions;
        }

        return this;
    }

    public FeatureSnapshot Build(int dataVersion = 1) => new(_movies, _editions, dataVersion);
}
