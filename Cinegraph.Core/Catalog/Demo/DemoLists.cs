namespace Cinegraph.Core.Catalog;

/// <summary>
/// The list memberships of a demo catalogue: the fake "1001" book (four editions) and the other lists, each taking
/// the best films by its own noisy view of quality, sized as the real list is against the real bundle.
/// </summary>
internal sealed class DemoLists(DemoFilms films, DemoRandom rng, DemoVocabulary vocabulary)
{
    private const int RealBundleFilms = 14259;

    // Real 2018 edition of the 1001 list per decade 1920s..2010s (the 1900s and 1910s folded into the 1920s).
    private static readonly double[] EditionDecadeWeights = [48, 82, 87, 127, 152, 158, 155, 122, 35, 35];

    // Later editions: the share of the edition swapped, and the first film year of the films that come in.
    private static readonly (int Edition, double Share, int FromYear)[] EditionChanges = [(2019, 0.012, 2017), (2021, 0.02, 2019), (2024, 0.014, 2020)];

    public (List<BundleList> Lists, List<BundleMembership> Memberships) Generate()
    {
        var year = films.Year;
        var traits = films.Traits;
        var canon = films.Canon;
        var byKey = new SortedDictionary<string, List<BundleMembership>>(StringComparer.Ordinal);

        var (editions, anyEdition) = TargetList();
        byKey[CanonicalList.TargetKey] = editions;
        byKey[CanonicalList.TargetAnyEditionKey] = anyEdition;

        byKey["national_film_registry"] = NationalFilmRegistry();
        byKey["criterion"] = Unranked("criterion", Pick(860, 1684, i => year[i] <= 2024, i => canon[i] + (0.6 * rng.Normal()) + (traits[i].HasFlag(DemoTraits.NonUs) ? 0.3 : 0)));
        byKey["sight_and_sound_2022"] = Ranked("sight_and_sound_2022", Pick(227, 264, i => year[i] <= 2021, i => canon[i] + (0.3 * rng.Normal()) + (year[i] < 2000 ? 0.3 : 0)));
        byKey["afi_100_2007"] = Ranked("afi_100_2007", Pick(100, 100, i => year[i] <= 2005 && traits[i].HasFlag(DemoTraits.Us), i => canon[i] + (0.4 * rng.Normal())));
        byKey["tspdt_1000"] = Ranked("tspdt_1000", Pick(819, 1000, i => year[i] <= 2022, i => canon[i] + (0.35 * rng.Normal())));
        byKey["tspdt_21st_century"] = Ranked("tspdt_21st_century", Pick(695, 1000, i => year[i] >= 2000, i => canon[i] + (0.35 * rng.Normal())));
        byKey["ebert_great_movies"] = Unranked("ebert_great_movies", Pick(336, 378, i => year[i] <= 2012, i => canon[i] + (0.5 * rng.Normal())));
        byKey["imdb_top_250"] = Ranked("imdb_top_250", Pick(244, 250, i => films.Votes[i] >= 25_000, i => films.Rating[i]!.Value + (films.Votes[i]!.Value / 1e9)));
        byKey["letterboxd_top250_history"] = Unranked(
            "letterboxd_top250_history",
            Pick(601, 684, i => true, i => (0.7 * canon[i]) + (0.5 * films.Popularity[i]) + (0.3 * rng.Normal())));

        var memberships = new List<BundleMembership>();
        foreach (var rows in byKey.Values)
        {
            memberships.AddRange(rows);
        }

        return ([.. vocabulary.Lists], memberships);
    }

    /// <summary>The best <paramref name="realRows"/> / 14259 of the catalogue by score, at most <paramref name="cap"/>, best first.</summary>
    private List<int> Pick(int realRows, int cap, Func<int, bool> eligible, Func<int, double> score)
    {
        var size = (int)Math.Min(cap, Math.Round((double)realRows * films.Count / RealBundleFilms));
        return DemoRanking.TopBy(Enumerable.Range(0, films.Count).Where(eligible), score, size);
    }

    private List<BundleMembership> Ranked(string key, List<int> best) =>
        [.. best.Select((film, r) => new BundleMembership(key, films.Id[film], null, r + 1))];

    private List<BundleMembership> Unranked(string key, List<int> chosen) =>
        [.. chosen.Order().Select(film => new BundleMembership(key, films.Id[film], null, null))];

    private List<BundleMembership> NationalFilmRegistry()
    {
        var year = films.Year;
        var chosen = Pick(534, 991, i => year[i] <= 2014 && films.Traits[i].HasFlag(DemoTraits.Us), i => films.Canon[i] + (0.5 * rng.Normal()) + (year[i] < 1980 ? 0.3 : 0));
        chosen.Sort();
        return [.. chosen
            .Select(film =>
            {
                var first = Math.Max(1989, year[film] + 10);
                var u = rng.NextDouble();
                return new BundleMembership("national_film_registry", films.Id[film], first + (int)(u * u * (2024 - first + 1)), null);
            })
            .OrderBy(m => m.Edition)
            .ThenBy(m => m.ImdbId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The fake "1001": the 2018 edition picks the best films of each decade by the real edition's decade shares; each
    /// later edition swaps a few of its weakest films since 1990 for the best films of the years since the last one.
    /// </summary>
    private (List<BundleMembership> Editions, List<BundleMembership> AnyEdition) TargetList()
    {
        var target = films.Target;
        var size = Math.Max(1, (int)Math.Round(films.Count / 14.0));
        var first = DemoCatalogue.Editions[0];
        var quotas = DemoRanking.Apportion(EditionDecadeWeights, size);
        var members = new HashSet<int>();
        for (var d = 0; d < quotas.Length; d++)
        {
            var from = films.YearStart(DemoCatalogue.FirstYear + (d * 10));
            var to = films.YearStart(Math.Min(DemoCatalogue.FirstYear + (d * 10) + 10, first));
            members.UnionWith(DemoRanking.TopBy(Enumerable.Range(from, Math.Max(0, to - from)), i => target[i], quotas[d]));
        }

        var before2018 = films.YearStart(first);
        if (members.Count < size)
        {
            members.UnionWith(DemoRanking.TopBy(Enumerable.Range(0, before2018).Where(i => !members.Contains(i)), i => target[i], size - members.Count));
        }

        var rows = new List<BundleMembership>();
        var bookOrder = members.Order().ToList();
        rows.AddRange(bookOrder.Select((film, r) => new BundleMembership(CanonicalList.TargetKey, films.Id[film], first, r + 1)));
        var everMember = new HashSet<int>(members);

        foreach (var (edition, share, fromYear) in EditionChanges)
        {
            var swaps = Math.Max(1, (int)Math.Round(size * share));
            var added = DemoRanking.TopBy(
                Enumerable.Range(films.YearStart(fromYear), films.YearStart(edition) - films.YearStart(fromYear)).Where(i => !members.Contains(i)),
                i => target[i],
                swaps);
            var removed = DemoRanking.TopBy(members.Where(i => films.Year[i] >= 1990).Order(), i => -target[i], added.Count);
            members.ExceptWith(removed);
            members.UnionWith(added.Take(removed.Count));
            everMember.UnionWith(members);
            rows.AddRange(members.Order().Select(film => new BundleMembership(CanonicalList.TargetKey, films.Id[film], edition, null)));
        }

        // Films of editions before 2018 that later left the book.
        var formerCount = (int)Math.Round(size * 0.15);
        everMember.UnionWith(DemoRanking.TopBy(Enumerable.Range(0, before2018).Where(i => !everMember.Contains(i)), i => target[i] - (0.5 * rng.Normal()), formerCount));
        var any = everMember.Order().Select(film => new BundleMembership(CanonicalList.TargetAnyEditionKey, films.Id[film], null, null)).ToList();
        return (rows, any);
    }
}
