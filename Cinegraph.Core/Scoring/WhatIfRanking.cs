namespace Cinegraph.Core.Scoring;

/// <summary>A cached film re-scored under other weights: its what-if rank and total, and the rank it has in the cache.</summary>
public sealed record WhatIfEntry(int Rank, PredictionEntry Entry, double TotalScore)
{
    /// <summary>Places moved up (positive) or down (negative) against the cached rank.</summary>
    public int Moved => Entry.Rank - Rank;
}

/// <summary>
/// "What if the weights were these?" over a decade's cached films, in memory: each entry's cached category scores (its
/// breakdown's raw scores) are weighted by the one scorer (<see cref="ScoringService.Total"/>: missing categories share
/// their weight out, weights need not sum to 1) and ranked in the one order (<see cref="RankingOrder"/>). No job, no
/// database, no likelihood (that needs a fit over the completed decades): a what-if is not validated until its weights are
/// saved as a profile and refreshed. Only the cached films take part (the top 1000 of the profile the row was computed with).
/// </summary>
public static class WhatIfRanking
{
    /// <summary>The entries ranked under <paramref name="weights"/>.</summary>
    public static IReadOnlyList<WhatIfEntry> Rerank(IReadOnlyList<PredictionEntry> entries, CategoryWeights weights)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var scored = new (PredictionEntry Entry, double Total)[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            scored[i] = (entries[i], ScoringService.Total(ScoresOf(entries[i]), weights));
        }

        Array.Sort(scored, (x, y) => RankingOrder.Compare(x.Total, x.Entry.ImdbVotes, x.Entry.ImdbId, y.Total, y.Entry.ImdbVotes, y.Entry.ImdbId));
        var ranked = new WhatIfEntry[scored.Length];
        for (var i = 0; i < scored.Length; i++)
        {
            ranked[i] = new WhatIfEntry(i + 1, scored[i].Entry, scored[i].Total);
        }

        return ranked;
    }

    /// <summary>The category scores (0–1) an entry was cached with; a category with no signal stays missing.</summary>
    public static CategoryScores ScoresOf(PredictionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        double? Raw(ScoreCategory category) =>
            entry.Breakdown.FirstOrDefault(b => b.Category == ScoreCategories.Key(category))?.RawScore is { } raw ? raw / 100 : null;
        return new CategoryScores(
            Raw(ScoreCategory.PopularOpinion),
            Raw(ScoreCategory.IndustryRecognition) ?? 0,
            Raw(ScoreCategory.CulturalImpact) ?? 0,
            Raw(ScoreCategory.PeopleQuality));
    }
}
