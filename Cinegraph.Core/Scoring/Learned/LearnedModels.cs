using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cinegraph.Core.Scoring.Learned;

/// <summary>
/// The learned profile's fitted models for one data version: <see cref="Full"/> (fitted on every completed decade
/// against the newest 1001 edition; it ranks the 2020s), one per completed decade fitted without that decade's labels
/// (it ranks that decade: every past decade's figures are held out), and one per older edition fitted on that
/// edition's membership (the edition backtest starts from what was known then).
/// </summary>
public sealed record LearnedModels(int DataVersion, LearnedModel Full, IReadOnlyDictionary<int, LearnedModel> HeldOut, IReadOnlyDictionary<int, LearnedModel> ByEdition)
{
    /// <summary>Bumped when the features or the fitting change; a stored fit of another version is fitted again.</summary>
    public const string FitVersion = "learned-2026.12.6";

    /// <summary>
    /// The trees' settings, chosen coarsely by held-out recall from 17 (docs/validation.md lists each): shallow
    /// trees (3 levels), few of them with a fairly large step, and a leaf penalty of 10 that keeps leaves of a few
    /// list films from deciding much. Depth 2 loses interactions (about 1.5 points of micro recall); more or deeper
    /// trees gain at most a point on the old decades and lose recent ones.
    /// </summary>
    public static readonly TreeOptions Options = new(Trees: 60, Depth: 3, LearningRate: 0.15, MinLeaf: 20, LeafPenalty: 10, MaxBins: 64);

    /// <summary>
    /// The most films one model is grown on. A larger training set keeps every list film and every k-th other film
    /// (in catalogue order, k the smallest that fits), each kept one counting k times: the fit's cost stops growing
    /// with the catalogue. The real bundle's fits (at most about 14,000 films) are never sampled.
    /// </summary>
    public const int MaxFilmsPerFit = 20_000;

    /// <summary>A hash of every model's parameters and of the data version: what a cached row was scored with.</summary>
    public string Version { get; } = Hash(DataVersion, Full, HeldOut, ByEdition);

    /// <summary>The model that ranks <paramref name="decade"/>: the one that never saw its labels, or <see cref="Full"/> for the current decade.</summary>
    public LearnedModel ForDecade(int decade) => HeldOut.TryGetValue(decade, out var model) ? model : Full;

    /// <summary>The model fitted on <paramref name="edition"/>'s membership; <see cref="Full"/> for the newest.</summary>
    public LearnedModel ForEdition(int edition) => ByEdition.TryGetValue(edition, out var model) ? model : Full;

    /// <summary>
    /// Fits every model. The split points come from every film's feature values (no labels), once; each model is then
    /// grown on one thread from its own films only, and the models are fitted side by side on the cores: the same
    /// catalogue gives the same trees, bit for bit, on any number of cores, and a held-out model sees nothing of its
    /// decade's labels.
    /// </summary>
    public static LearnedModels Fit(FeatureSnapshot snapshot, FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(matrix);
        var newest = snapshot.NewestEdition ?? 0;
        var completed = MoviePredictor.CompletedDecades;
        var fits = new List<(int Edition, int? HeldOut, Func<MovieFeatures, bool> Include)>();
        foreach (var edition in snapshot.Editions.Where(e => e != newest).Order())
        {
            fits.Add((edition, null, m => m.Year <= edition));
        }

        fits.Add((newest, null, m => completed.Contains(m.Decade)));
        foreach (var decade in completed)
        {
            fits.Add((newest, decade, m => m.Decade != decade && completed.Contains(m.Decade)));
        }

        var bins = new TreeBins(matrix.Rows, matrix.Keys.Length, Options.MaxBins);
        var models = new LearnedModel[fits.Count];
        Parallel.For(0, fits.Count, i => models[i] = FitOne(snapshot, matrix, bins, fits[i].Edition, fits[i].HeldOut, fits[i].Include));
        var full = models.Single(m => m.LabelEdition == newest && m.HeldOutDecade is null);
        return new LearnedModels(
            snapshot.DataVersion,
            full,
            models.Where(m => m.HeldOutDecade is not null).ToDictionary(m => m.HeldOutDecade!.Value),
            models.Where(m => m.LabelEdition != newest).ToDictionary(m => m.LabelEdition));
    }

    private static LearnedModel FitOne(FeatureSnapshot snapshot, FeatureMatrix matrix, TreeBins bins, int edition, int? heldOut, Func<MovieFeatures, bool> include)
    {
        // A decade whose films all share one label (the 1900s and 1910s hold only list films) teaches nothing within
        // it: its films are left out of the fit.
        var movies = snapshot.Movies.Where(include).GroupBy(m => m.Decade)
            .Where(g => g.Any(m => snapshot.IsOnEdition(m.MovieId, edition)) && !g.All(m => snapshot.IsOnEdition(m.MovieId, edition)))
            .SelectMany(g => g).ToArray();
        var positives = movies.Count(m => snapshot.IsOnEdition(m.MovieId, edition));
        var every = Math.Max(1, (int)Math.Ceiling((movies.Length - positives) / (double)Math.Max(1, MaxFilmsPerFit - positives)));
        var others = 0;
        var kept = movies.Where(m => snapshot.IsOnEdition(m.MovieId, edition) || others++ % every == 0).ToArray();
        var rows = kept.Select(m => matrix.IndexOf(m.MovieId)).ToArray();
        var labels = kept.Select(m => snapshot.IsOnEdition(m.MovieId, edition)).ToArray();
        double[]? weights = every == 1 ? null : [.. labels.Select(l => l ? 1.0 : every)];
        // One starting log-odds per decade: the trees rank films within a decade, as the list chooses them.
        var decades = kept.Select(m => m.Decade).Distinct().Order().ToArray();
        var groups = kept.Select(m => Array.IndexOf(decades, m.Decade)).ToArray();
        var trees = BoostedTrees.Fit(bins, rows, labels, groups, decades.Length, Options, weights);
        return new LearnedModel(matrix.Keys, trees, edition, heldOut, movies.Length, positives);
    }

    /// <summary>
    /// Throws unless every model reads the columns <paramref name="keys"/> names, in that order. A stored fit whose
    /// features differ from this build's (the features changed without a new <see cref="FitVersion"/>) would otherwise
    /// score every film on the wrong columns without a sign.
    /// </summary>
    public void EnsureColumns(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var model in HeldOut.Values.Concat(ByEdition.Values).Prepend(Full))
        {
            if (!model.Keys.SequenceEqual(keys, StringComparer.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The stored learned fit ({FitVersion}, data version {DataVersion}) reads {model.Keys.Length} feature columns that differ from this build's {keys.Count}: change LearnedModels.FitVersion whenever the features change.");
            }
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new Stored(DataVersion, Full, [.. HeldOut.OrderBy(p => p.Key).Select(p => p.Value)], [.. ByEdition.OrderBy(p => p.Key).Select(p => p.Value)]));

    public static LearnedModels FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new JsonException("A stored fit is empty.");
        return new LearnedModels(
            stored.DataVersion,
            stored.Full,
            stored.HeldOut.ToDictionary(m => m.HeldOutDecade ?? throw new JsonException("A held-out model names no decade.")),
            stored.ByEdition.ToDictionary(m => m.LabelEdition));
    }

    private static string Hash(int dataVersion, LearnedModel full, IReadOnlyDictionary<int, LearnedModel> heldOut, IReadOnlyDictionary<int, LearnedModel> byEdition)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{FitVersion};data {dataVersion}");
        foreach (var model in heldOut.OrderBy(p => p.Key).Select(p => p.Value).Prepend(full).Concat(byEdition.OrderBy(p => p.Key).Select(p => p.Value)))
        {
            text.Append(CultureInfo.InvariantCulture, $";{model.LabelEdition}/{model.HeldOutDecade}:{string.Join(",", model.Keys)}");
            foreach (var tree in model.Trees)
            {
                for (var node = 0; node < tree.Feature.Length; node++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"|{tree.Feature[node]}<={tree.Threshold[node]:R}>{tree.Left[node]},{tree.Right[node]}={tree.Value[node]:R}");
                }
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private sealed record Stored(int DataVersion, LearnedModel Full, LearnedModel[] HeldOut, LearnedModel[] ByEdition);
}
