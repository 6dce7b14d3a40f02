using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// How the typed columns of <see cref="RefreshJob"/> are stored: its decades as comma-separated text
/// (<c>1920,1930</c>), its errors and its attempts as JSON arrays. The only place either is parsed or formatted.
/// </summary>
public static class JobColumns
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ValueConverter<IReadOnlyList<int>, string> DecadesConverter { get; } = new(d => FormatDecades(d), s => ParseDecades(s));

    public static ValueComparer<IReadOnlyList<int>> DecadesComparer { get; } = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        d => d.Aggregate(0, (hash, decade) => HashCode.Combine(hash, decade)),
        d => d.ToArray());

    public static ValueConverter<IReadOnlyList<JobError>, string> ErrorsConverter { get; } = new(e => JobErrors.Serialize(e), s => JobErrors.Parse(s));

    public static ValueComparer<IReadOnlyList<JobError>> ErrorsComparer { get; } = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        e => e.Aggregate(0, (hash, error) => HashCode.Combine(hash, error)),
        e => e.ToArray());

    public static ValueConverter<IReadOnlyList<JobAttemptRecord>, string> AttemptsConverter { get; } = new(a => SerializeAttempts(a), s => ParseAttempts(s));

    public static ValueComparer<IReadOnlyList<JobAttemptRecord>> AttemptsComparer { get; } = new(
        (a, b) => a == null ? b == null : b != null && SerializeAttempts(a) == SerializeAttempts(b),
        a => SerializeAttempts(a).GetHashCode(StringComparison.Ordinal),
        a => a.ToArray());

    /// <summary>The JSON array stored for <paramref name="attempts"/>.</summary>
    public static string SerializeAttempts(IReadOnlyList<JobAttemptRecord> attempts) => JsonSerializer.Serialize(attempts, Json);

    /// <summary>The attempts in their stored form; empty for a row written before attempts were recorded.</summary>
    public static IReadOnlyList<JobAttemptRecord> ParseAttempts(string? attempts) =>
        string.IsNullOrWhiteSpace(attempts) ? [] : JsonSerializer.Deserialize<List<JobAttemptRecord>>(attempts, Json) ?? [];

    /// <summary>The stored form of <paramref name="decades"/>: <c>1920,1930</c>.</summary>
    public static string FormatDecades(IReadOnlyList<int> decades) =>
        string.Join(',', decades.Select(d => d.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The decades in their stored form; a part that is not a whole number is a damaged row and throws.</summary>
    public static IReadOnlyList<int> ParseDecades(string decades) =>
        [.. decades.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture))];
}
