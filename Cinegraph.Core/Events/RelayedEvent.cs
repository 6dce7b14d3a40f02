using System.Text.Json;

namespace Cinegraph.Core.Events;

/// <summary>
/// A <see cref="PredictionEvent"/> as it travels between nodes in a PostgreSQL notification: the sending relay, the
/// event's kind, its ids and its few small fields (never cache data; the receiver reads rows itself).
/// </summary>
internal sealed record RelayedEvent(
    string Origin,
    string Kind,
    long JobId,
    int ProfileId,
    DateTimeOffset? At = null,
    int? Decade = null,
    string? State = null,
    string? Error = null,
    int? Done = null,
    int? Total = null,
    string? Note = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RelayedEvent From(string origin, PredictionEvent predictionEvent) => predictionEvent switch
    {
        RefreshQueued e => new(origin, nameof(RefreshQueued), e.JobId, e.ProfileId),
        RefreshProgress e => new(origin, nameof(RefreshProgress), e.JobId, e.ProfileId, Done: e.Done, Total: e.Total, Note: e.Note),
        DecadeCached e => new(origin, nameof(DecadeCached), e.JobId, e.ProfileId, At: e.CalculatedAt, Decade: e.Decade),
        RefreshCompleted e => new(origin, nameof(RefreshCompleted), e.JobId, e.ProfileId, At: e.CompletedAt),
        RefreshFailed e => new(origin, nameof(RefreshFailed), e.JobId, e.ProfileId, State: e.State, Error: e.Error),
        _ => throw new ArgumentOutOfRangeException(nameof(predictionEvent), predictionEvent.GetType().Name, "Not an event the relay knows."),
    };

    /// <summary>The payload; null when it is malformed or of a kind this version does not know (a newer peer).</summary>
    public static RelayedEvent? Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<RelayedEvent>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <summary>The event, or null for a kind this version does not know or one missing a field.</summary>
    public PredictionEvent? ToEvent() => Kind switch
    {
        nameof(RefreshQueued) => new RefreshQueued(JobId, ProfileId),
        nameof(RefreshProgress) when Done is { } done && Total is { } total => new RefreshProgress(JobId, ProfileId, done, total, Note),
        nameof(DecadeCached) when Decade is { } decade && At is { } at => new DecadeCached(JobId, ProfileId, decade, at),
        nameof(RefreshCompleted) when At is { } at => new RefreshCompleted(JobId, ProfileId, at),
        nameof(RefreshFailed) when State is { } state => new RefreshFailed(JobId, ProfileId, state, Error ?? ""),
        _ => null,
    };
}
