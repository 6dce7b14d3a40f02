namespace Cinegraph.Core.Catalog;

/// <summary>
/// A deterministic, generated catalogue for a clone with no bundle: fake titles, plausible ratings, awards and
/// list memberships over 1920–2029. Everything that shows it says "demo data".
/// </summary>
/// <remarks>
/// The shapes follow the real bundle (<c>shared/data/bundle/README.md</c>): films per decade (more recent films; the
/// 2020s run to 2025 as in the bundle), IMDb ratings around 6.4, log-normal votes, a Letterboxd rank for the most
/// popular third, the real award event keys and category names, the real list keys and kinds, and a "1001" list of
/// four editions (2018, 2019, 2021, 2024) of about films / 14 each. Every film has a hidden quality; awards, lists
/// and the 1001 membership each see it through their own noise, so they correlate without copying one another.
/// Ids are in ranges no real title or person uses: <c>tt9</c> + 7 digits and <c>nm9</c> + 7 digits.
/// One <see cref="Random"/> seeded with the seed drives everything, in a fixed order: no clock, no Guid, no culture.
/// </remarks>
public static class DemoCatalogue
{
    public const string Source = "demo";

    /// <summary>The largest catalogue the fake id range (<c>tt90000000</c>–<c>tt99999999</c>) can hold.</summary>
    public const int MaxFilms = 9_000_000;

    public const int FirstYear = 1920;

    /// <summary>The newest film year generated (as in the real bundle, whose newest films are of 2025).</summary>
    public const int LastYear = 2025;

    /// <summary>The 1001 book editions generated, oldest first.</summary>
    public static IReadOnlyList<int> Editions { get; } = [2018, 2019, 2021, 2024];

    /// <summary>Generates <paramref name="films"/> films from <paramref name="seed"/>; the same inputs give the same catalogue.</summary>
    public static BundleData Generate(int films = 3000, int seed = 1001)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(films);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(films, MaxFilms);
        return DemoGenerator.Run(films, seed);
    }
}
