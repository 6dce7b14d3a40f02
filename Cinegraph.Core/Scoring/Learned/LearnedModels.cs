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
    public const string FitVersion = "learned-2026.12.5";

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

    /// <summary>
    /// Fits every model; each fit spreads its passes over the cores and is deterministic, so the result is too. The
    /// edition models are fitted oldest first, each starting from the one before (an edition knew what the editions
    /// before it knew), and <see cref="Full"/> starts from the newest of them, which saves about half of their Newton
    /// steps. Every held-out model starts from zero: nothing of its decade's labels reaches it, not even through the
    /// starting point. The starting point changes the steps taken, not the optimum they converge to.
    /// </summary>
    public static LearnedModels Fit(FeatureSnapshot snapshot, FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(matrix);
        var newest = snapshot.NewestEdition ?? 0;
        var completed = MoviePredictor.CompletedDecades;
        var byEdition = new Dictionary<int, LearnedModel>();
        Fitted? previous = null;
        foreach (var edition in snapshot.Editions.Where(e => e != newest).Order())
        {
            previous = FitOne(snapshot, matrix, edition, heldOut: null, m => m.Year <= edition, previous);
            byEdition[edition] = previous.Model;
        }

        var full = FitOne(snapshot, matrix, newest, heldOut: null, m => completed.Contains(m.Decade), previous);
        var heldOutModels = completed.ToDictionary(
            d => d,
            d => FitOne(snapshot, matrix, newest, d, m => m.Decade != d && completed.Contains(m.Decade), start: null).Model);
        return new LearnedModels(snapshot.DataVersion, full.Model, heldOutModels, byEdition);
    }

    private static Fitted FitOne(FeatureSnapshot snapshot, FeatureMatrix matrix, int edition, int? heldOut, Func<MovieFeatures, bool> include, Fitted? start)
    {
        // A decade whose films all share one label (the 1900s and 1910s hold only list films) would push its intercept
        // to infinity and teaches nothing within it: its films are left out of the fit.
        var movies = snapshot.Movies.Where(include).GroupBy(m => m.Decade)
            .Where(g => g.Any(m => snapshot.IsOnEdition(m.MovieId, edition)) && !g.All(m => snapshot.IsOnEdition(m.MovieId, edition)))
            .SelectMany(g => g).ToArray();
        var rows = movies.Select(m => matrix.RowOf(m.MovieId)).ToArray();
        var labels = movies.Select(m => snapshot.IsOnEdition(m.MovieId, edition)).ToArray();
        // One intercept per decade: the coefficients rank films within a decade, as the list chooses them.
        var decades = movies.Select(m => m.Decade).Distinct().Order().ToArray();
        var groups = movies.Select(m => Array.IndexOf(decades, m.Decade)).ToArray();
        var fit = LogisticRegression.Fit(rows, labels, groups, decades.Length, matrix.Keys.Length, Penalty, start?.StartFor(decades));
        var intercept = fit.Intercepts.Length == 0 ? 0 : fit.Intercepts.Average();
        var model = new LearnedModel(matrix.Keys, intercept, fit.Coefficients, matrix.Low, matrix.High, edition, heldOut, movies.Length, labels.Count(l => l));
        return new Fitted(model, fit, decades);
    }

    /// <summary>A fit with its decades (one intercept each), to start another fit from.</summary>
    private sealed record Fitted(LearnedModel Model, LogisticFit Fit, int[] Decades)
    {
        /// <summary>This fit's parameters for a fit over <paramref name="decades"/>; a decade it lacks starts at the mean intercept.</summary>
        public LogisticFit StartFor(int[] decades) => Fit with
        {
            Intercepts = [.. decades.Select(d => Array.IndexOf(Decades, d) is var i and >= 0 ? Fit.Intercepts[i] : Fit.Intercepts.DefaultIfEmpty(0).Average())],
        };
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
