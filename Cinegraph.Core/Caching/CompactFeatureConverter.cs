using System.Text.Json;
using System.Text.Json.Serialization;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Scoring.Learned;

namespace Cinegraph.Core.Caching;

/// <summary>
/// Stores a learned entry's <see cref="FeatureContribution"/> in a cache row as <c>[key, points]</c>: the human name and
/// the category follow from the key (<see cref="FeatureDefinitions"/>), so they are not written for every feature of up
/// to 1000 entries. A key the features file no longer has makes the row damaged (it is refreshed).
/// </summary>
internal sealed class CompactFeatureConverter : JsonConverter<FeatureContribution>
{
    public override FeatureContribution Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array for a cached feature, found {reader.TokenType}.");
        }

        reader.Read();
        var key = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A cached feature has no key.");
        var definition = FeatureDefinitions.Find(key) ?? throw new JsonException($"Unknown learned feature '{key}'.");
        reader.Read();
        var points = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value)
            ? value
            : throw new JsonException($"A cached feature's points are {reader.TokenType}, not a number.");
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A cached feature has more than two values.");
        }

        return new FeatureContribution(key, definition.Name, ScoreCategories.Key(definition.Category), points);
    }

    public override void Write(Utf8JsonWriter writer, FeatureContribution value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        writer.WriteStringValue(value.Key);
        writer.WriteNumberValue(value.Points);
        writer.WriteEndArray();
    }
}
