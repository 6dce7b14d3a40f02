using System.Text.Json;
using System.Text.Json.Serialization;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Caching;

/// <summary>
/// Stores a <see cref="CategoryBreakdown"/> in a cache row as <c>[category index, raw score, weight, effective
/// weight, points]</c> instead of an object with five named properties. The breakdown is four of these for each of
/// up to 1000 entries, so this halves the row and the time to read it back on an L1 miss.
/// </summary>
internal sealed class CompactBreakdownConverter : JsonConverter<CategoryBreakdown>
{
    public override CategoryBreakdown Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Every malformed shape is a JsonException (never an index or format error): the row is then read as damaged.
        Expect(ref reader, JsonTokenType.StartArray);
        var index = NextIndex(ref reader);
        var category = ScoreCategories.Key(ScoreCategories.All[index]);
        reader.Read();
        double? raw = reader.TokenType == JsonTokenType.Null ? null : CurrentDouble(ref reader);
        var weight = NextDouble(ref reader);
        var effective = NextDouble(ref reader);
        var points = NextDouble(ref reader);
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A cached breakdown has more than five values.");
        }

        return new CategoryBreakdown(category, raw, weight, effective, points);
    }

    public override void Write(Utf8JsonWriter writer, CategoryBreakdown value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var index = IndexOf(value.Category);

        writer.WriteStartArray();
        writer.WriteNumberValue(index);
        if (value.RawScore is { } raw)
        {
            writer.WriteNumberValue(raw);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteNumberValue(value.Weight);
        writer.WriteNumberValue(value.EffectiveWeight);
        writer.WriteNumberValue(value.WeightedPoints);
        writer.WriteEndArray();
    }

    private static int IndexOf(string category)
    {
        for (var i = 0; i < ScoreCategories.All.Count; i++)
        {
            if (ScoreCategories.Key(ScoreCategories.All[i]) == category)
            {
                return i;
            }
        }

        throw new JsonException($"Unknown category '{category}'.");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in a cached breakdown, found {reader.TokenType}.");
        }
    }

    private static int NextIndex(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var index) || index < 0 || index >= ScoreCategories.All.Count)
        {
            throw new JsonException($"A cached breakdown has no valid category index (0–{ScoreCategories.All.Count - 1}).");
        }

        return index;
    }

    private static double NextDouble(ref Utf8JsonReader reader)
    {
        reader.Read();
        return CurrentDouble(ref reader);
    }

    private static double CurrentDouble(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value)
            ? value
            : throw new JsonException($"A cached breakdown value is {reader.TokenType}, not a number.");
}
