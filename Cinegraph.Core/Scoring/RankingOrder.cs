namespace Cinegraph.Core.Scoring;

/// <summary>
/// The one ranking order of films, written once: total descending, then IMDb votes descending (unknown as 0), then IMDb
/// id ascending. The predictor ranks by it and the what-if re-ranking of cached films does too.
/// </summary>
public static class RankingOrder
{
    /// <summary>Negative when film x ranks before film y.</summary>
    public static int Compare(double totalX, int? votesX, string imdbIdX, double totalY, int? votesY, string imdbIdY)
    {
        var byScore = totalY.CompareTo(totalX);
        if (byScore != 0)
        {
            return byScore;
        }

        var byVotes = (votesY ?? 0).CompareTo(votesX ?? 0);
        return byVotes != 0 ? byVotes : string.CompareOrdinal(imdbIdX, imdbIdY);
    }
}
