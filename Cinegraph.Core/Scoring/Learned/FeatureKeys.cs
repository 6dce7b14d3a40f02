namespace Cinegraph.Core.Scoring.Learned;

/// <summary>
/// How award rows and list places become the learned profile's signal keys (<c>award:oscars:win</c>,
/// <c>list:tspdt_1000:rank</c>). Which keys are features, their category and their human name are data:
/// <c>learned-features.csv</c> (<see cref="FeatureDefinitions"/>).
/// </summary>
public static class FeatureKeys
{
    /// <summary>The signal keys one award row counts towards: every row is a nomination; a won row a win; and the same for the top prize.</summary>
    public static IEnumerable<string> OfAward(string awardEvent, string award, string category, bool won)
    {
        ArgumentNullException.ThrowIfNull(awardEvent);
        yield return $"award:{awardEvent}:nomination";
        if (won)
        {
            yield return $"award:{awardEvent}:win";
        }

        if (ScoringService.IsTopPrize(awardEvent, award, category))
        {
            yield return $"award:{awardEvent}:top_prize_nomination";
            if (won)
            {
                yield return $"award:{awardEvent}:top_prize";
            }
        }
    }

    /// <summary>
    /// Records a place on a non-target list: membership (1) and, for a ranked place, a rank score from 1 (first) falling
    /// logarithmically to 0 at the 1000th place. A film on a list twice (registry years) counts once.
    /// </summary>
    public static void AddListPlace(Dictionary<string, double> signals, string listKey, int? rank)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(listKey);
        signals[$"list:{listKey}"] = 1;
        if (rank is > 0)
        {
            var score = Math.Clamp(1 - (Math.Log(rank.Value) / Math.Log(1000)), 0, 1);
            var key = $"list:{listKey}:rank";
            signals[key] = Math.Max(signals.GetValueOrDefault(key), score);
        }
    }
}
