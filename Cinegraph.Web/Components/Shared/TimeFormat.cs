using System.Globalization;

namespace Cinegraph.Web.Components;

/// <summary>How the pages write times and ages: UTC timestamps and short "5 min ago" ages.</summary>
public static class TimeFormat
{
    public static string Utc(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The exact instant for a <c>&lt;time datetime&gt;</c> attribute (ISO 8601, UTC, to the tick).</summary>
    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A short age such as "just now", "12 s", "5 min", "3 h" or "2 d".</summary>
    public static string Age(TimeSpan? age) => age switch
    {
        null => "—",
        { TotalSeconds: < 2 } => "just now",
        { TotalMinutes: < 1 } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalSeconds} s"),
        { TotalHours: < 1 } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalMinutes} min"),
        { TotalDays: < 1 } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalHours} h"),
        { } a => string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalDays} d"),
    };

    public static string Ago(DateTimeOffset? at, DateTimeOffset now) =>
        at is null ? "—" : Age(now - at.Value) is var age && age == "just now" ? age : age + " ago";

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalSeconds: < 60 } d => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0} s"),
        { } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds} s"),
    };

    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.#} %");
}
