using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cinegraph.Core.Forecasting;

/// <summary>
/// A forecast as the two files the <c>forecast</c> command writes: <c>&lt;name&gt;.csv</c> (one row per film, each row
/// carrying the versions and the date, so the file stands alone) and <c>&lt;name&gt;.json</c> (the same, nested).
/// </summary>
public static class ForecastFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// The CSV and JSON paths for <paramref name="file"/>: a name ending in <c>.csv</c> or <c>.json</c> loses that
    /// extension first, so <c>out/2026</c>, <c>out/2026.csv</c> and <c>out/2026.json</c> all give out/2026.csv and out/2026.json.
    /// </summary>
    public static (string Csv, string Json) PathsFor(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var extension = Path.GetExtension(file);
        var stem = extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? file[..^extension.Length]
            : file;
        return (stem + ".csv", stem + ".json");
    }

    public static string ToCsv(Forecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var text = new StringBuilder();
        text.Append("rank,imdb_id,title,year,score,likelihood_percent,profile,decade,newest_edition,data_version,algorithm_version,model_version,fit_version,generated_at\n");
        foreach (var film in forecast.Films)
        {
            string[] fields =
            [
                Invariant(film.Rank),
                film.ImdbId,
                film.Title,
                Invariant(film.Year),
                Invariant(film.Score),
                Invariant(film.Likelihood),
                forecast.Profile,
                Invariant(forecast.Decade),
                forecast.NewestEdition is { } edition ? Invariant(edition) : "",
                Invariant(forecast.DataVersion),
                forecast.AlgorithmVersion,
                forecast.ModelVersion ?? "",
                forecast.FitVersion ?? "",
                forecast.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ];
            text.Append(string.Join(',', fields.Select(Quote))).Append('\n');
        }

        return text.ToString();
    }

    public static string ToJson(Forecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return JsonSerializer.Serialize(forecast, Json) + "\n";
    }

    public static Forecast FromJson(string json) =>
        JsonSerializer.Deserialize<Forecast>(json, Json) ?? throw new JsonException("The forecast file is empty.");

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
