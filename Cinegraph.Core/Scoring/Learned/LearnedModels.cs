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
    public const string FitVersion = "learned-2026.12.4";

    /// <summary>
    /// The L2 penalty on the scaled coefficients, chosen from 2, 5, 20, 80, 200, 300, 500 and 1000 by held-out recall
    /// (docs/validation.md lists each): stronger shrinkage keeps the many award columns from fitting the old decades'
    /// quirks, which is what the recent decades need.
    /// </summary>
    public const double Penalty = 300.0;

    /// <summary>A hash of every model's parameters and of the data version: what a cached row was scored with.</summary>
    public string Version { get; } = Hash(DataVersion, Full, HeldOut, ByEdition);

    /// <summary>The model that ranks <paramref name="decade"/>: the one that never saw its labels, or <see cref="Full"/> for the current decade.</summary>
    public LearnedModel ForDecade(int decade) => HeldOut.TryGetValue(decade, out var model) ? model : Full;

    /// <summary>The model fitted on <paramref name="edition"/>'s membership; <see cref="Full"/> for the newest.</summary>
    public LearnedModel ForEdition(int edition) => ByEdition.TryGetValue(edition, out var model) ? model : Full;

    /// <summary>Fits every model (in parallel; each fit is deterministic, so the result is too).</summary>
    public static LearnedModels Fit(FeatureSnapshot snapshot, FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(matrix);
        var newest = snapshot.NewestEdition ?? 0;
        var completed = MoviePredictor.CompletedDecades;
        var tasks = new List<(int? HeldOut, int Edition, Func<MovieFeatures, bool> Include)>
        {
            (null, newest, m => completed.Contains(m.Decade)),
        };
        tasks.AddRange(completed.Select(d => ((int?)d, newest, (Func<MovieFeatures, bool>)(m => m.Decade != d && completed.Contains(m.Decade)))));
        tasks.AddRange(snapshot.Editions.Where(e => e != newest).Select(e => ((int?)null, e, (Func<MovieFeatures, bool>)(m => m.Year <= e))));
        var models = new LearnedModel[tasks.Count];
        Parallel.For(0, tasks.Count, i =>
        {
            var (heldOut, edition, include) = tasks[i];
            var movies = snapshot.Movies.Where(include).ToArray();
            var rows = movies.Select(m => matrix.RowOf(m.MovieId)).ToArray();
            var labels = movies.Select(m => snapshot.IsOnEdition(m.MovieId, edition)).ToArray();
            // One intercept per decade: the coefficients rank films within a decade, as the list chooses them.
            var decades = movies.Select(m => m.Decade).Distinct().Order().ToArray();
            var groups = movies.Select(m => Array.IndexOf(decades, m.Decade)).ToArray();
            var (intercepts, coefficients) = LogisticRegression.Fit(rows, labels, groups, decades.Length, matrix.Keys.Length, Penalty);
            var intercept = intercepts.Length == 0 ? 0 : intercepts.Average();
            models[i] = new LearnedModel(matrix.Keys, intercept, coefficients, matrix.Low, matrix.High, edition, heldOut, movies.Length, labels.Count(l => l));
        });

        var editions = snapshot.Editions.Where(e => e != newest).ToArray();
        return new LearnedModels(
            snapshot.DataVersion,
            models[0],
            completed.Select((d, i) => (d, models[1 + i])).ToDictionary(p => p.d, p => p.Item2),
            editions.Select((e, i) => (e, models[1 + completed.Count + i])).ToDictionary(p => p.e, p => p.Item2));
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
            text.Append(CultureInfo.InvariantCulture, $";{model.LabelEdition}/{model.HeldOutDecade}:{model.Intercept:R}");
            for (var c = 0; c < model.Keys.Length; c++)
            {
                text.Append(CultureInfo.InvariantCulture, $",{model.Keys[c]}={model.Coefficients[c]:R}");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private sealed record Stored(int DataVersion, LearnedModel Full, LearnedModel[] HeldOut, LearnedModel[] ByEdition);
}
