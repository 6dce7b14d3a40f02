namespace Cinegraph.Core.Catalog;

/// <summary>Deterministic selection helpers of the demo generator (no randomness here).</summary>
internal static class DemoRanking
{
    /// <summary>The <paramref name="k"/> candidates with the highest score, best first (ties: lower index first).</summary>
    public static List<int> TopBy(IEnumerable<int> candidates, Func<int, double> score, int k)
    {
        if (k <= 0)
        {
            return [];
        }

        var heap = new PriorityQueue<int, ScoreKey>(k + 1, ScoreKey.Comparer);
        foreach (var i in candidates)
        {
            var key = new ScoreKey(score(i), i);
            if (heap.Count < k)
            {
                heap.Enqueue(i, key);
            }
            else if (heap.TryPeek(out _, out var worst) && ScoreKey.Comparer.Compare(key, worst) > 0)
            {
                heap.DequeueEnqueue(i, key);
            }
        }

        var result = new List<int>(heap.Count);
        while (heap.TryDequeue(out var i, out _))
        {
            result.Add(i);
        }

        result.Reverse();
        return result;
    }

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (largest remainder).</summary>
    public static int[] Apportion(double[] weights, int total)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => w * total / sum).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - counts.Sum();
        foreach (var index in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(left))
        {
            counts[index]++;
        }

        return counts;
    }

    /// <summary>A score with the film index as tie-break: a higher score is better, then a lower index.</summary>
    private readonly record struct ScoreKey(double Score, int Index)
    {
        public static readonly Comparer<ScoreKey> Comparer = Comparer<ScoreKey>.Create(static (x, y) =>
        {
            var c = x.Score.CompareTo(y.Score);
            return c != 0 ? c : y.Index.CompareTo(x.Index);
        });
    }
}
