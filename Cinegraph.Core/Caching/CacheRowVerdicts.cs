using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Caching;

/// <summary>
/// What the read path and the status reader found about each cache row version (its key and calculated_at): readable,
/// or damaged and why. A damaged row is logged once per version, however often it is read; the status reader decodes
/// a row's payload only for a version nobody has judged yet.
/// </summary>
public sealed class CacheRowVerdicts(ILogger<CacheRowVerdicts> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset CalculatedAt, string? Problem)> _verdicts = new(StringComparer.Ordinal);

    /// <summary>True when this version of the row was judged; <paramref name="problem"/> is null when it was readable.</summary>
    public bool TryGet(string key, DateTimeOffset calculatedAt, out string? problem)
    {
        lock (_lock)
        {
            if (_verdicts.TryGetValue(key, out var verdict) && verdict.CalculatedAt == calculatedAt)
            {
                problem = verdict.Problem;
                return true;
            }
        }

        problem = null;
        return false;
    }

    /// <summary>Records a verdict; the first time a version is found damaged, it is logged.</summary>
    public void Record(string key, DateTimeOffset calculatedAt, string? problem)
    {
        bool first;
        lock (_lock)
        {
            first = !(_verdicts.TryGetValue(key, out var old) && old.CalculatedAt == calculatedAt && old.Problem is not null);
            _verdicts[key] = (calculatedAt, problem);
        }

        if (problem is not null && first)
        {
            CachingLog.DamagedRow(logger, key, calculatedAt, problem);
        }
    }
}
