using System.Text.Json;
using System.Text.Json.Serialization;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Validation;

namespace Cinegraph.Core.Caching;

/// <summary>The JSON shapes of the cache rows (source-generated, camelCase).</summary>
// A null where the type says non-null, or a missing constructor value, is a format error: the row reads as damaged.
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    Converters = [typeof(CompactBreakdownConverter), typeof(CompactFeatureConverter)],
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PredictionEntry[]))]
[JsonSerializable(typeof(PredictionStatistics))]
[JsonSerializable(typeof(CacheMetadata))]
[JsonSerializable(typeof(CachedValidation))]
[JsonSerializable(typeof(ProfileComparisonResult))]
internal sealed partial class CacheJson : JsonSerializerContext
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Default);

    public static T Deserialize<T>(string json) =>
        (T?)JsonSerializer.Deserialize(json, typeof(T), Default) ?? throw new JsonException($"The cached {typeof(T).Name} is empty.");
}
