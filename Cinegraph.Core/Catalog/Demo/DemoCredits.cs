namespace Cinegraph.Core.Catalog;

/// <summary>
/// The Oscar people of a demo catalogue: for each nomination in a person category, one or more people from a pool
/// whose careers cover the year. Actors and actresses come from separate pools, so nobody is nominated as both.
/// </summary>
internal sealed class DemoCredits(DemoFilms films, DemoRandom rng, DemoVocabulary vocabulary)
{
    private const int FakePersonBase = 90_000_000;

    // Writers per writing credit: one, two or three.
    private static readonly double[] WritersPerCredit = [60, 35, 5];

    public List<BundleCredit> Generate(IReadOnlyList<DemoCreditNeed> needs)
    {
        var names = vocabulary.Names;
        (string Key, IReadOnlyList<string> GivenNames)[] poolNames =
            [("Actor", names.Male), ("Actress", names.Female), ("Directing", names.Given), ("Writing", names.Given)];

        var pools = new Dictionary<string, DemoPeople>(StringComparer.Ordinal);
        foreach (var (key, givenNames) in poolNames)
        {
            var years = needs.Where(c => PoolOf(c) == key).Select(c => c.EventYear).ToArray();
            pools[key] = MakePeople(years, givenNames);
        }

        // Ids ascend over all people, in the order the pools were made.
        var allIds = new string[pools.Values.Sum(p => p.Count)];
        if (allIds.Length > 0)
        {
            rng.AscendingIds(allIds.Length, FakePersonBase, DemoFilms.FakeIdSpace, "nm", allIds);
        }

        var offset = 0;
        foreach (var (key, _) in poolNames)
        {
            pools[key].AssignIds(allIds, offset);
            offset += pools[key].Count;
        }

        var credits = new List<BundleCredit>(needs.Count * 5 / 4);
        var film = new List<BundleCredit>();
        var filmIndex = -1;
        foreach (var need in needs)
        {
            if (need.Film != filmIndex)
            {
                Flush();
                filmIndex = need.Film;
            }

            var people = need.Class switch
            {
                "Writing" => 1 + rng.PickWeighted(WritersPerCredit),
                "Directing" => rng.NextDouble() < 0.05 ? 2 : 1,
                _ => rng.NextDouble() < 0.08 ? 2 : 1,
            };
            var pool = pools[PoolOf(need)];
            for (var p = 0; p < people; p++)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var person = pool.Pick(need.EventYear, rng);
                    var id = pool.Id(person);
                    if (film.Exists(c => c.PersonId == id && c.Category == need.Category))
                    {
                        continue;
                    }

                    film.Add(new BundleCredit(films.Id[need.Film], id, pool.Name(person), need.Class, need.Category, need.EventYear, need.Won));
                    break;
                }
            }
        }

        Flush();
        return credits;

        void Flush()
        {
            film.Sort(static (x, y) =>
            {
                var c = string.CompareOrdinal(x.PersonId, y.PersonId);
                if (c == 0)
                {
                    c = x.EventYear.CompareTo(y.EventYear);
                }

                return c == 0 ? string.CompareOrdinal(x.Category, y.Category) : c;
            });
            credits.AddRange(film);
            film.Clear();
        }
    }

    private static string PoolOf(DemoCreditNeed need) => need.Class != "Acting"
        ? need.Class
        : need.Category.Contains("ACTRESS", StringComparison.Ordinal) ? "Actress" : "Actor";

    /// <summary>
    /// About one person per 2.6 credits of a class, whose careers start where the credits are: so most people are
    /// credited on several films over the years, and earlier recognition exists for later films.
    /// </summary>
    private DemoPeople MakePeople(int[] needYears, IReadOnlyList<string> givenNames)
    {
        var count = needYears.Length == 0 ? 0 : Math.Max(4, (int)(needYears.Length / 2.6));
        var starts = new int[count];
        var talent = new double[count];
        var names = new string[count];
        for (var p = 0; p < count; p++)
        {
            starts[p] = needYears[rng.Next(needYears.Length)] - rng.Next(0, 22);
            talent[p] = rng.Normal();
            var given = rng.Pick(givenNames);
            var family = rng.Pick(vocabulary.Names.Family);
            names[p] = rng.NextDouble() < 0.2
                ? given + " " + (char)('A' + rng.Next(26)) + ". " + family
                : given + " " + family;
        }

        var order = Enumerable.Range(0, count).ToArray();
        Array.Sort(starts, order);
        return new DemoPeople(starts, [.. order.Select(o => talent[o])], [.. order.Select(o => names[o])]);
    }
}

/// <summary>One pool of people, ordered by career start.</summary>
internal sealed class DemoPeople(int[] starts, double[] talent, string[] names)
{
    private string[] _ids = [];
    private int _offset;

    public int Count => starts.Length;

    public void AssignIds(string[] ids, int offset) => (_ids, _offset) = (ids, offset);

    public string Id(int person) => _ids[_offset + person];

    public string Name(int person) => names[person];

    /// <summary>Someone whose career (30 years from its start) covers the year; the best of three draws.</summary>
    public int Pick(int eventYear, DemoRandom rng)
    {
        var lo = LowerBound(eventYear - 30);
        var hi = LowerBound(eventYear + 1);
        if (hi <= lo)
        {
            (lo, hi) = hi >= starts.Length ? (starts.Length - 1, starts.Length) : (hi, hi + 1);
        }

        var best = lo + rng.Next(hi - lo);
        for (var k = 0; k < 2; k++)
        {
            var other = lo + rng.Next(hi - lo);
            if (talent[other] > talent[best])
            {
                best = other;
            }
        }

        return best;
    }

    private int LowerBound(int year)
    {
        int lo = 0, hi = starts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (starts[mid] < year)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
