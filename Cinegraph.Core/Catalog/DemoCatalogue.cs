namespace Cinegraph.Core.Catalog;

/// <summary>
/// A deterministic, generated catalogue for a clone with no bundle: fake titles, plausible ratings, awards and
/// list memberships over 1920–2029. Everything that shows it says "demo data".
/// </summary>
public static class DemoCatalogue
{
    public const string Source = "demo";

    /// <summary>Generates <paramref name="films"/> films from <paramref name="seed"/>; the same inputs give the same catalogue.</summary>
    public static BundleData Generate(int films = 3000, int seed = 1001) =>
        throw new NotImplementedException("Being written: see the helper task.");
}
