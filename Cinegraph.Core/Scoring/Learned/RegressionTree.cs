namespace Cinegraph.Core.Scoring.Learned;

/// <summary>The settings of one gradient-boosted tree fit.</summary>
public sealed record TreeOptions(int Trees, int Depth, double LearningRate, int MinLeaf, double LeafPenalty = 1.0, int MaxBins = 64);

/// <summary>
/// One regression tree in arrays, node 0 the root. An internal node sends a film left when its value of
/// <see cref="Feature"/> is at most <see cref="Threshold"/> (absent values are 0); a leaf has feature −1.
/// <see cref="Value"/> is what each node would add as a leaf (its Newton step, shrunk), so the change of value along a
/// film's path, summed per split feature, adds up to its leaf's value minus the root's.
/// </summary>
public sealed record RegressionTree(int[] Feature, double[] Threshold, int[] Left, int[] Right, double[] Value)
{
    private double[]? _floors;

    /// <summary>The leaf a film reaches, its values given per column (absent ones 0).</summary>
    public int LeafOf(ReadOnlySpan<double> values)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            node = values[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return node;
    }

    /// <summary>Each node's floor: the lowest leaf value under it (a leaf's own value). Computed once, not to be changed.</summary>
    public double[] Floors()
    {
        if (_floors is null)
        {
            var floors = new double[Feature.Length];
            for (var node = Feature.Length - 1; node >= 0; node--)
            {
                // Children are added after their parent, so they are done first.
                floors[node] = Feature[node] < 0 ? Value[node] : Math.Min(floors[Left[node]], floors[Right[node]]);
            }

            _floors = floors;
        }

        return _floors;
    }

}
