using Cinegraph.Core.Catalog;

namespace Cinegraph.Core.Scoring.Learned;

/// <summary>One feature of the learned profile: its key, the score category it counts towards and its human name.</summary>
public sealed record FeatureDefinition(string Key, ScoreCategory Category, string Name);

/// <summary>
/// The learned profile's features, read from the embedded data file <c>learned-features.csv</c> (key, category,
/// name): adding a row there adds a feature. Films' values come from <see cref="FeatureMatrix"/>.
/// </summary>
public static class FeatureDefinitions
{
    private static readonly Lazy<IReadOnlyList<FeatureDefinition>> Loaded = new(Load);

    private static readonly Lazy<Dictionary<string, FeatureDefinition>> ByKey = new(() => All.ToDictionary(f => f.Key, StringComparer.Ordinal));

    public static IReadOnlyList<FeatureDefinition> All => Loaded.Value;

    /// <summary>The human name of a feature key, or the key itself when the file does not name it.</summary>
    public static string NameOf(string key) => Find(key)?.Name ?? key;

    /// <summary>The definition of a feature key, or null when the file has no such feature.</summary>
    public static FeatureDefinition? Find(string key) => ByKey.Value.GetValueOrDefault(key);

    private static List<FeatureDefinition> Load()
    {
        using var stream = typeof(FeatureDefinitions).Assembly.GetManifestResourceStream("Cinegraph.Core.Scoring.Learned.learned-features.csv")
            ?? throw new InvalidOperationException("The embedded learned-features.csv is missing.");
        using var reader = new StreamReader(stream);
        var categories = ScoreCategories.All.ToDictionary(ScoreCategories.Key);
        var definitions = new List<FeatureDefinition>();
        foreach (var (_, fields) in CsvFile.Read(reader).Skip(1))
        {
            if (fields.Length != 3 || !categories.TryGetValue(fields[1], out var category))
            {
                throw new InvalidOperationException($"learned-features.csv: bad row '{string.Join(",", fields)}'.");
            }

            definitions.Add(new FeatureDefinition(fields[0], category, fields[2]));
        }

        return definitions;
    }
}
