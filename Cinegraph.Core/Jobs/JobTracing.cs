using System.Diagnostics;
using System.Globalization;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The refresh queue's traces (activity source <see cref="SourceName"/>): each job attempt is one span,
/// <c>cinegraph.job.attempt</c>, from the claim to its final state, tagged with the job, profile, attempt, node and the
/// state it left the job in; a failure marks the span as an error. Hosts export it with OpenTelemetry.
/// </summary>
public static class JobTracing
{
    public const string SourceName = "Cinegraph.Jobs";

    public const string AttemptSpan = "cinegraph.job.attempt";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of an attempt; null when nobody listens.</summary>
    internal static Activity? StartAttempt(RefreshJob job, string node)
    {
        var activity = Source.StartActivity(AttemptSpan, ActivityKind.Internal);
        activity?.SetTag("cinegraph.job.id", job.Id)
            .SetTag("cinegraph.job.profile_id", job.ProfileId)
            .SetTag("cinegraph.job.attempt", job.Attempt)
            .SetTag("cinegraph.job.node", node)
            .SetTag("cinegraph.job.decades", string.Join(',', job.Decades.Select(d => d.ToString(CultureInfo.InvariantCulture))));
        return activity;
    }

    /// <summary>Records how the attempt ended (<paramref name="state"/> null: its row was no longer this attempt's).</summary>
    internal static void AttemptEnded(Activity? activity, string? state, Exception? failure)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("cinegraph.job.state", state ?? "lost");
        if (failure is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
        }
    }
}
