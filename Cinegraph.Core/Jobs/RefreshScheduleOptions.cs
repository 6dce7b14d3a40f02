using System.ComponentModel.DataAnnotations;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The optional daily refresh of stale and invalid cache rows. Off by default (the seed wants manual refreshes).
/// Bound from the <c>RefreshSchedule</c> section, validated at start.
/// </summary>
public sealed class RefreshScheduleOptions
{
    public const string SectionName = "RefreshSchedule";

    /// <summary>Run the daily refresh; default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The time of day (UTC) it runs at, <c>hh:mm[:ss]</c>; default 03:00.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan TimeOfDay { get; set; } = TimeSpan.FromHours(3);

    /// <summary>When the schedule runs next after <paramref name="now"/>: the first moment at <see cref="TimeOfDay"/> UTC; null when it is off.</summary>
    public DateTimeOffset? NextRunAfter(DateTimeOffset now)
    {
        if (!Enabled)
        {
            return null;
        }

        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(utc.Date, TimeSpan.Zero) + TimeOfDay;
        return today > utc ? today : today.AddDays(1);
    }
}
