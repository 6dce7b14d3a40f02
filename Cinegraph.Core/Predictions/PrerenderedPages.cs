namespace Cinegraph.Core.Predictions;

/// <summary>
/// Carries a prerendered page's model to the same page's interactive render on this node, so the circuit does not read
/// again: the prerender keeps the model under a random key (the only thing persisted into the HTML), the circuit takes
/// it. Entries live one to two <see cref="Lifetime"/>s (two generations swapped, no scan); a key not found (expired,
/// or another node) means the circuit reads again.
/// </summary>
public sealed class PrerenderedPages(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private Dictionary<string, PredictionsPageModel> _current = new(StringComparer.Ordinal);
    private Dictionary<string, PredictionsPageModel> _previous = new(StringComparer.Ordinal);
    private DateTimeOffset _swappedAt = time.GetUtcNow();

    public string Keep(PredictionsPageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var key = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            Age();
            _current[key] = page;
        }

        return key;
    }

    /// <summary>The model kept under the key, removed; null when there is none.</summary>
    public PredictionsPageModel? Take(string key)
    {
        lock (_gate)
        {
            Age();
            return _current.Remove(key, out var page) || _previous.Remove(key, out page) ? page : null;
        }
    }

    private void Age()
    {
        var now = time.GetUtcNow();
        if (now - _swappedAt < Lifetime)
        {
            return;
        }

        (_previous, _current) = (now - _swappedAt < 2 * Lifetime ? _current : new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        _swappedAt = now;
    }
}
