namespace Cinegraph.Core.Caching;

/// <summary>
/// How many cache rows of the active profiles (decades and validation) are stale, invalid (damaged, or computed from
/// another catalogue: not shown) and missing, and which profiles have a stale or invalid row (a refresh rewrites them).
/// </summary>
public sealed record CacheRowCounts(int Stale, int Invalid, int Missing, IReadOnlyList<int> ProfilesToRefresh)
{
    public bool NeedsRefresh => Stale + Invalid > 0;

    public static CacheRowCounts From(CacheStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var rows = status.Profiles.SelectMany(p => p.Decades.Append(p.Validation).Select(r => (p.ProfileId, r.State))).ToList();
        return new CacheRowCounts(
            rows.Count(r => r.State == RowStates.Stale),
            rows.Count(r => IsInvalid(r.State)),
            rows.Count(r => r.State == RowStates.Missing),
            [.. rows.Where(r => r.State == RowStates.Stale || IsInvalid(r.State)).Select(r => r.ProfileId).Distinct().Order()]);
    }

    private static bool IsInvalid(string state) => state is RowStates.Damaged or RowStates.OtherCatalogue;
}
