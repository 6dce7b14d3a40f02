using System.Globalization;

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
        return new DemoGenerator(films, seed).Run();
    }
}

/// <summary>The generator behind <see cref="DemoCatalogue"/>; one instance per call, not thread-safe.</summary>
internal sealed class DemoGenerator
{
    // Real bundle: films per decade 1920s..2020s (the 1900s and 1910s folded into the 1920s).
    private static readonly double[] DecadeWeights = [104, 385, 638, 552, 622, 712, 1082, 1652, 2787, 3771, 1954];

    // Real bundle: films per year 2020..2025.
    private static readonly double[] TwentiesYearWeights = [311, 345, 381, 370, 309, 238];

    // Real 2018 edition of the 1001 list per decade 1920s..2010s (the 1900s and 1910s folded into the 1920s).
    private static readonly double[] EditionDecadeWeights = [48, 82, 87, 127, 152, 158, 155, 122, 35, 35];

    private const int RealBundleFilms = 14259;
    private const int LastEventYear = 2025;
    private const int FakeTitleBase = 90_000_000;
    private const int FakePersonBase = 90_000_000;
    private const int FakeIdSpace = 9_000_000;

    private readonly int _n;
    private readonly Random _rng;
    private bool _hasSpare;
    private double _spare;

    // Hidden traits and facts per film, by index; films are in year order, so ids ascend with the year.
    private readonly int[] _year;
    private readonly string[] _id;
    private readonly double[] _quality;
    private readonly double[] _acclaim;
    private readonly double[] _canon;
    private readonly double[] _target;
    private readonly double[] _popularity;
    private readonly double?[] _rating;
    private readonly int?[] _votes;
    private readonly Traits[] _traits;
    private readonly int[] _yearStart = new int[DemoCatalogue.LastYear - DemoCatalogue.FirstYear + 2];

    private readonly List<CreditNeed> _creditNeeds = [];

    // Scratch buffers of the award draws.
    private readonly List<Category> _eligible = [];
    private readonly double[] _weights = new double[32];

    public DemoGenerator(int films, int seed)
    {
        _n = films;
        _rng = new Random(seed);
        _year = new int[films];
        _id = new string[films];
        _quality = new double[films];
        _acclaim = new double[films];
        _canon = new double[films];
        _target = new double[films];
        _popularity = new double[films];
        _rating = new double?[films];
        _votes = new int?[films];
        _traits = new Traits[films];
    }

    [Flags]
    private enum Traits
    {
        None = 0,
        Fiction = 1,
        Documentary = 2,
        Animation = 4,
        LiveFiction = 8,
        English = 16,
        NonEnglish = 32,
        French = 64,
        NonFrench = 128,
        Us = 256,
        NonUs = 512,
        Comedy = 1024,
        Drama = 2048,
        Horror = 4096,
        Adapted = 8192,
        Original = 16384,
        British = 32768,
    }

    public BundleData Run()
    {
        GenerateYearsAndIds();
        var movies = GenerateMovies();
        var awards = GenerateAwards();
        var credits = GenerateCredits();
        var (lists, memberships) = GenerateLists();
        return new BundleData(movies, awards, lists, memberships, credits);
    }

    // ---------------------------------------------------------------- films

    private void GenerateYearsAndIds()
    {
        var perDecade = Apportion(DecadeWeights, _n);
        var i = 0;
        for (var d = 0; d < perDecade.Length; d++)
        {
            var start = i;
            var decade = DemoCatalogue.FirstYear + (d * 10);
            for (var k = 0; k < perDecade[d]; k++)
            {
                _year[i++] = decade == 2020 ? 2020 + PickWeighted(TwentiesYearWeights) : decade + _rng.Next(10);
            }

            Array.Sort(_year, start, i - start);
        }

        var y = 0;
        for (var year = DemoCatalogue.FirstYear; year <= DemoCatalogue.LastYear + 1; year++)
        {
            while (y < _n && _year[y] < year)
            {
                y++;
            }

            _yearStart[year - DemoCatalogue.FirstYear] = y;
        }

        _ = NextIds(_n, FakeTitleBase, "tt", _id);
    }

    /// <summary>Ascending unique ids with random gaps that stay inside the fake range.</summary>
    private int NextIds(int count, int baseNumber, string prefix, string[] into)
    {
        var maxStep = Math.Max(1, (2 * FakeIdSpace / count) - 1);
        var number = baseNumber;
        for (var i = 0; i < count; i++)
        {
            number += _rng.Next(1, maxStep + 1);
            into[i] = prefix + number.ToString(CultureInfo.InvariantCulture);
        }

        return number;
    }

    private List<BundleMovie> GenerateMovies()
    {
        var movies = new List<BundleMovie>(_n);
        for (var i = 0; i < _n; i++)
        {
            var year = _year[i];
            var q = Normal();
            _quality[i] = q;
            _acclaim[i] = q + (0.35 * Normal());
            _canon[i] = q + (0.4 * Normal());
            _target[i] = q + (0.45 * Normal());
            _popularity[i] = (0.45 * q) + (0.85 * Normal()) + ((year - 1975) / 100.0);

            var missing = year < 1940 ? 0.18 : year >= 2025 ? 0.12 : 0.06;
            if (_popularity[i] < -1.5)
            {
                missing += 0.1;
            }

            if (_rng.NextDouble() >= missing)
            {
                _rating[i] = Math.Round(Math.Clamp(6.4 + (0.8 * q) + (0.55 * Normal()), 1.0, 10.0), 1);
                var logVotes = 10.3 + (1.15 * _popularity[i]) + (0.3 * Normal());
                _votes[i] = (int)Math.Round(Math.Exp(Math.Clamp(logVotes, 1.7, 15.0)));
            }

            int? runtime = _rng.NextDouble() < 0.08
                ? null
                : (int)Math.Round(Math.Clamp((year < 1950 ? 92 : 108) + (20 * Normal()), 62, 240));

            var genres = PickGenres(year);
            var (countries, language) = PickCountries(year);
            _traits[i] = TraitsOf(genres, countries, language) | (_rng.NextDouble() < 0.4 ? Traits.Adapted : Traits.Original);

            movies.Add(new BundleMovie(_id[i], MakeTitle(), year, runtime, genres, countries, language, _rating[i], _votes[i], null));
        }

        // A Letterboxd popularity rank for the most popular third (at most the list's 5000 places).
        var ranked = Math.Min(_n / 3, 5000);
        var top = TopBy(Enumerable.Range(0, _n), i => _popularity[i], ranked);
        for (var r = 0; r < top.Count; r++)
        {
            movies[top[r]] = movies[top[r]] with { LetterboxdPopularityRank = r + 1 };
        }

        return movies;
    }

    private string[] PickGenres(int year)
    {
        var count = 1 + PickWeighted(GenreCountWeights);
        Span<int> picked = stackalloc int[3];
        var found = 0;
        for (var attempt = 0; found < count && attempt < 10; attempt++)
        {
            var genre = PickWeighted(GenreWeights);
            if ((genre == AnimationGenre && year < 1935) || picked[..found].Contains(genre))
            {
                continue;
            }

            // A documentary keeps only the genres a documentary can have.
            if (genre == DocumentaryGenre)
            {
                found = 0;
                count = 1;
            }
            else if (found > 0 && picked[0] == DocumentaryGenre && !Genres[genre].WithDocumentary)
            {
                continue;
            }

            picked[found++] = genre;
        }

        // Genres are listed in alphabetical order, as IMDb lists them.
        var names = new string[found];
        for (var k = 0; k < found; k++)
        {
            names[k] = Genres[picked[k]].Name;
        }

        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    private (string[] Countries, string? Language) PickCountries(int year)
    {
        if (_rng.NextDouble() < 0.1)
        {
            return ([], null);
        }

        var first = Countries[PickWeighted(CountryWeights)];
        var code = first.Code == "RU" && year < 1992 ? "SU" : first.Code;
        string[] countries = _rng.NextDouble() < 0.2
            ? [code, Countries[PickWeighted(CountryWeights)].Code]
            : [code];
        if (countries.Length == 2 && (countries[1] == countries[0] || countries[1] is "RU" or "SU"))
        {
            countries = [code];
        }

        return (countries, _rng.NextDouble() < 0.05 ? null : first.Language);
    }

    private static Traits TraitsOf(string[] genres, string[] countries, string? language)
    {
        // Array.IndexOf compares strings ordinally.
        var documentary = Array.IndexOf(genres, "Documentary") >= 0;
        var animation = Array.IndexOf(genres, "Animation") >= 0;
        var traits = documentary ? Traits.Documentary : Traits.Fiction;
        traits |= animation ? Traits.Animation : Traits.None;
        traits |= !documentary && !animation ? Traits.LiveFiction : Traits.None;
        traits |= language is null or "en" ? Traits.English : Traits.NonEnglish;
        traits |= Array.IndexOf(countries, "FR") >= 0 ? Traits.French : Traits.NonFrench;
        traits |= countries.Length == 0 || countries[0] == "US" ? Traits.Us : Traits.NonUs;
        traits |= Array.IndexOf(countries, "GB") >= 0 ? Traits.British : Traits.None;
        traits |= Array.IndexOf(genres, "Comedy") >= 0 || Array.IndexOf(genres, "Musical") >= 0 ? Traits.Comedy : Traits.Drama;
        traits |= Array.IndexOf(genres, "Horror") >= 0 ? Traits.Horror : Traits.None;
        return traits;
    }

    private string MakeTitle()
    {
        string Adj() => Adjectives[_rng.Next(Adjectives.Length)];
        string Noun() => Nouns[_rng.Next(Nouns.Length)];
        string Place() => Places[_rng.Next(Places.Length)];
        string Time() => Times[_rng.Next(Times.Length)];
        string Name() => GivenNames[_rng.Next(GivenNames.Length)];

        return _rng.Next(12) switch
        {
            0 or 1 or 2 => "The " + Adj() + " " + Noun(),
            3 => Time() + " in " + Place(),
            4 => Name() + "'s " + Noun(),
            5 => "The " + Noun() + " of " + Place(),
            6 => Adj() + " " + Time(),
            7 => "A " + Noun() + " for " + Name(),
            8 => "The " + Noun() + " and the " + Noun(),
            9 => Place() + ", " + Time(),
            10 => "Return to " + Place(),
            _ => Name() + " and the " + Adj() + " " + Noun(),
        };
    }

    // ---------------------------------------------------------------- awards

    private List<BundleAward> GenerateAwards()
    {
        var critics = PickCriticsWinners();
        var awards = new List<BundleAward>(_n * 2);
        var film = new List<BundleAward>();
        for (var i = 0; i < _n; i++)
        {
            film.Clear();
            foreach (var ceremony in Ceremonies)
            {
                AddCeremony(i, ceremony, film);
            }

            foreach (var festival in Festivals)
            {
                AddFestival(i, festival, film);
            }

            if (critics.TryGetValue(i, out var events))
            {
                foreach (var key in events)
                {
                    film.Add(new BundleAward(_id[i], key, _year[i] + 1, "Best Film", "Best Film", true));
                }
            }

            if (film.Count > 1)
            {
                film.Sort(CompareAwards);
            }

            awards.AddRange(film);
        }

        return awards;
    }

    private static int CompareAwards(BundleAward x, BundleAward y)
    {
        var c = string.CompareOrdinal(x.Event, y.Event);
        if (c == 0)
        {
            c = x.EventYear.CompareTo(y.EventYear);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Award, y.Award);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Category, y.Category);
        }

        return c == 0 ? x.Won.CompareTo(y.Won) : c;
    }

    private void AddCeremony(int i, Ceremony ceremony, List<BundleAward> into)
    {
        var eventYear = _year[i] + 1;
        if (eventYear < ceremony.FirstEventYear || eventYear > LastEventYear)
        {
            return;
        }

        var traits = _traits[i];
        var a = _acclaim[i];
        var logit = ceremony.Base + (ceremony.Slope * a)
            + (traits.HasFlag(Traits.English) ? ceremony.EnglishBias : 0)
            + (traits.HasFlag(Traits.French) ? ceremony.FrenchBias : 0)
            + (traits.HasFlag(Traits.British) ? ceremony.BritishBias : 0)
            + (ceremony.PopularityBias * _popularity[i]);
        if (_rng.NextDouble() >= Logistic(logit))
        {
            return;
        }

        var eligible = _eligible;
        eligible.Clear();
        foreach (var c in ceremony.Categories)
        {
            if ((traits & c.Requires) == c.Requires && eventYear >= c.FirstEventYear)
            {
                eligible.Add(c);
            }
        }

        if (eligible.Count == 0)
        {
            return;
        }

        var count = 1;
        var more = Math.Clamp(0.45 + (0.12 * a), 0.1, 0.8);
        while (count < eligible.Count && count < 11 && _rng.NextDouble() < more)
        {
            count++;
        }

        for (var k = 0; k < count; k++)
        {
            var weights = _weights.AsSpan(0, eligible.Count);
            for (var c = 0; c < eligible.Count; c++)
            {
                weights[c] = eligible[c].Top ? eligible[c].Weight * Math.Exp(Math.Clamp(a, -2, 2)) : eligible[c].Weight;
            }

            var pick = PickWeighted(weights);
            var category = eligible[pick];
            eligible.RemoveAt(pick);
            var won = _rng.NextDouble() < Logistic((category.Top ? -2.6 : -2.3) + (0.8 * a));
            into.Add(new BundleAward(_id[i], ceremony.Key, eventYear, category.Award, category.Name, won));
            if (category.CreditClass is { } creditClass)
            {
                _creditNeeds.Add(new CreditNeed(i, creditClass, category.Name, eventYear, won));
            }
        }
    }

    private void AddFestival(int i, Festival festival, List<BundleAward> into)
    {
        var eventYear = _year[i];
        if (eventYear < festival.FirstYear || eventYear > LastEventYear)
        {
            return;
        }

        var traits = _traits[i];
        var a = _acclaim[i];
        var logit = festival.Base + (festival.Slope * a)
            + (traits.HasFlag(Traits.Us) ? festival.UsBias : 0)
            + (traits.HasFlag(Traits.French) ? festival.FrenchBias : 0);
        if (_rng.NextDouble() >= Logistic(logit))
        {
            return;
        }

        var lineUp = PickEligible(festival.LineUp, traits, eventYear);
        if (lineUp is null)
        {
            return;
        }

        var won = _rng.NextDouble() < Logistic(festival.WinBase + (0.9 * a));
        into.Add(new BundleAward(_id[i], festival.Key, eventYear, lineUp.Award, lineUp.Name, won));
        if (won || _rng.NextDouble() >= Logistic(-1.8 + (0.8 * a)))
        {
            return;
        }

        if (PickEligible(festival.Prizes, traits, eventYear) is { } prize)
        {
            into.Add(new BundleAward(_id[i], festival.Key, eventYear, prize.Award, prize.Name, true));
        }
    }

    private Category? PickEligible(Category[] categories, Traits traits, int eventYear)
    {
        _eligible.Clear();
        foreach (var c in categories)
        {
            if ((traits & c.Requires) == c.Requires && eventYear >= c.FirstEventYear)
            {
                _weights[_eligible.Count] = c.Weight;
                _eligible.Add(c);
            }
        }

        return _eligible.Count == 0 ? null : _eligible[PickWeighted(_weights.AsSpan(0, _eligible.Count))];
    }

    /// <summary>The critics' groups give one "Best Film" a year: the most acclaimed film of the year in their eyes.</summary>
    private Dictionary<int, List<string>> PickCriticsWinners()
    {
        var winners = new Dictionary<int, List<string>>();
        for (var year = DemoCatalogue.FirstYear; year <= DemoCatalogue.LastYear; year++)
        {
            var from = _yearStart[year - DemoCatalogue.FirstYear];
            var to = _yearStart[year - DemoCatalogue.FirstYear + 1];
            if (from == to)
            {
                continue;
            }

            foreach (var (key, firstEventYear) in CriticsAwards)
            {
                if (year + 1 < firstEventYear || year + 1 > LastEventYear)
                {
                    continue;
                }

                var best = -1;
                var bestScore = double.NegativeInfinity;
                for (var i = from; i < to; i++)
                {
                    var score = _acclaim[i] + (0.5 * Normal());
                    if (score > bestScore)
                    {
                        (best, bestScore) = (i, score);
                    }
                }

                if (!winners.TryGetValue(best, out var events))
                {
                    winners[best] = events = [];
                }

                events.Add(key);
            }
        }

        return winners;
    }

    // ---------------------------------------------------------------- Oscar people

    private List<BundleCredit> GenerateCredits()
    {
        // Actors and actresses come from separate pools, so nobody is nominated as both.
        var pools = new Dictionary<string, People>(StringComparer.Ordinal);
        foreach (var pool in PersonPools)
        {
            var years = _creditNeeds.Where(c => PoolOf(c) == pool.Key).Select(c => c.EventYear).ToArray();
            pools[pool.Key] = MakePeople(years, pool.GivenNames);
        }

        // Ids ascend over all people, in the order the pools were made.
        var allIds = new string[pools.Values.Sum(p => p.Count)];
        _ = NextIds(Math.Max(1, allIds.Length), FakePersonBase, "nm", allIds);
        var offset = 0;
        foreach (var pool in PersonPools)
        {
            pools[pool.Key].AssignIds(allIds, offset);
            offset += pools[pool.Key].Count;
        }

        var credits = new List<BundleCredit>(_creditNeeds.Count * 5 / 4);
        var film = new List<BundleCredit>();
        var filmIndex = -1;
        foreach (var need in _creditNeeds)
        {
            if (need.Film != filmIndex)
            {
                Flush();
                filmIndex = need.Film;
            }

            var people = need.Class switch
            {
                "Writing" => 1 + PickWeighted(WritersPerCredit),
                "Directing" => _rng.NextDouble() < 0.05 ? 2 : 1,
                _ => _rng.NextDouble() < 0.08 ? 2 : 1,
            };
            var pool = pools[PoolOf(need)];
            for (var p = 0; p < people; p++)
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var person = pool.Pick(need.EventYear, _rng);
                    var id = pool.Id(person);
                    if (film.Exists(c => c.PersonId == id && c.Category == need.Category))
                    {
                        continue;
                    }

                    film.Add(new BundleCredit(_id[need.Film], id, pool.Name(person), need.Class, need.Category, need.EventYear, need.Won));
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

    private static string PoolOf(CreditNeed need) => need.Class != "Acting"
        ? need.Class
        : need.Category.Contains("ACTRESS", StringComparison.Ordinal) ? "Actress" : "Actor";

    /// <summary>
    /// About one person per 2.6 credits of a class, whose careers start where the credits are: so most people are
    /// credited on several films over the years, and earlier recognition exists for later films.
    /// </summary>
    private People MakePeople(int[] needYears, string[] givenNames)
    {
        var count = needYears.Length == 0 ? 0 : Math.Max(4, (int)(needYears.Length / 2.6));
        var starts = new int[count];
        var talent = new double[count];
        var names = new string[count];
        for (var p = 0; p < count; p++)
        {
            starts[p] = needYears[_rng.Next(needYears.Length)] - _rng.Next(0, 22);
            talent[p] = Normal();
            var given = givenNames[_rng.Next(givenNames.Length)];
            var family = FamilyNames[_rng.Next(FamilyNames.Length)];
            names[p] = _rng.NextDouble() < 0.2
                ? given + " " + (char)('A' + _rng.Next(26)) + ". " + family
                : given + " " + family;
        }

        var order = Enumerable.Range(0, count).ToArray();
        Array.Sort(starts, order);
        return new People(starts, [.. order.Select(o => talent[o])], [.. order.Select(o => names[o])]);
    }

    private sealed class People(int[] starts, double[] talent, string[] names)
    {
        private string[] _ids = [];
        private int _offset;

        public int Count => starts.Length;

        public void AssignIds(string[] ids, int offset) => (_ids, _offset) = (ids, offset);

        public string Id(int person) => _ids[_offset + person];

        public string Name(int person) => names[person];

        /// <summary>Someone whose career (30 years from its start) covers the year; the best of three draws.</summary>
        public int Pick(int eventYear, Random rng)
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

    // ---------------------------------------------------------------- lists

    private (List<BundleList> Lists, List<BundleMembership> Memberships) GenerateLists()
    {
        var memberships = new List<BundleMembership>();
        var byKey = new SortedDictionary<string, List<BundleMembership>>(StringComparer.Ordinal);

        var (editions, anyEdition) = GenerateTargetList();
        byKey[CanonicalList.TargetKey] = editions;
        byKey[CanonicalList.TargetAnyEditionKey] = anyEdition;

        byKey["national_film_registry"] = NationalFilmRegistry();
        byKey["criterion"] = Unranked("criterion", Pick(860, 1684, i => _year[i] <= 2024, i => _canon[i] + (0.6 * Normal()) + (_traits[i].HasFlag(Traits.NonUs) ? 0.3 : 0)));
        byKey["sight_and_sound_2022"] = Ranked("sight_and_sound_2022", Pick(227, 264, i => _year[i] <= 2021, i => _canon[i] + (0.3 * Normal()) + (_year[i] < 2000 ? 0.3 : 0)));
        byKey["afi_100_2007"] = Ranked("afi_100_2007", Pick(100, 100, i => _year[i] <= 2005 && _traits[i].HasFlag(Traits.Us), i => _canon[i] + (0.4 * Normal())));
        byKey["tspdt_1000"] = Ranked("tspdt_1000", Pick(819, 1000, i => _year[i] <= 2022, i => _canon[i] + (0.35 * Normal())));
        byKey["tspdt_21st_century"] = Ranked("tspdt_21st_century", Pick(695, 1000, i => _year[i] >= 2000, i => _canon[i] + (0.35 * Normal())));
        byKey["ebert_great_movies"] = Unranked("ebert_great_movies", Pick(336, 378, i => _year[i] <= 2012, i => _canon[i] + (0.5 * Normal())));
        byKey["imdb_top_250"] = Ranked("imdb_top_250", Pick(244, 250, i => _votes[i] >= 25_000, i => _rating[i]!.Value + (_votes[i]!.Value / 1e9)));
        byKey["letterboxd_top250_history"] = Unranked(
            "letterboxd_top250_history",
            Pick(601, 684, i => true, i => (0.7 * _canon[i]) + (0.5 * _popularity[i]) + (0.3 * Normal())));

        foreach (var rows in byKey.Values)
        {
            memberships.AddRange(rows);
        }

        return ([.. ListDefinitions], memberships);
    }

    /// <summary>The best <paramref name="realRows"/> / 14259 of the catalogue by score, at most <paramref name="cap"/>, best first.</summary>
    private List<int> Pick(int realRows, int cap, Func<int, bool> eligible, Func<int, double> score)
    {
        var size = (int)Math.Min(cap, Math.Round((double)realRows * _n / RealBundleFilms));
        return TopBy(Enumerable.Range(0, _n).Where(eligible), score, size);
    }

    private List<BundleMembership> Ranked(string key, List<int> best) =>
        [.. best.Select((film, r) => new BundleMembership(key, _id[film], null, r + 1))];

    private List<BundleMembership> Unranked(string key, List<int> films) =>
        [.. films.Order().Select(film => new BundleMembership(key, _id[film], null, null))];

    private List<BundleMembership> NationalFilmRegistry()
    {
        var films = Pick(534, 991, i => _year[i] <= 2014 && _traits[i].HasFlag(Traits.Us), i => _canon[i] + (0.5 * Normal()) + (_year[i] < 1980 ? 0.3 : 0));
        films.Sort();
        return [.. films
            .Select(film =>
            {
                var first = Math.Max(1989, _year[film] + 10);
                var u = _rng.NextDouble();
                return new BundleMembership("national_film_registry", _id[film], first + (int)(u * u * (2024 - first + 1)), null);
            })
            .OrderBy(m => m.Edition)
            .ThenBy(m => m.ImdbId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The fake "1001": the 2018 edition picks the best films of each decade by the real edition's decade shares; each
    /// later edition swaps a few of its weakest films since 1990 for the best films of the years since the last one.
    /// </summary>
    private (List<BundleMembership> Editions, List<BundleMembership> AnyEdition) GenerateTargetList()
    {
        var size = Math.Max(1, (int)Math.Round(_n / 14.0));
        var first = DemoCatalogue.Editions[0];
        var quotas = Apportion(EditionDecadeWeights, size);
        var members = new HashSet<int>();
        for (var d = 0; d < quotas.Length; d++)
        {
            var from = YearStart(DemoCatalogue.FirstYear + (d * 10));
            var to = YearStart(Math.Min(DemoCatalogue.FirstYear + (d * 10) + 10, first));
            members.UnionWith(TopBy(Enumerable.Range(from, Math.Max(0, to - from)), i => _target[i], quotas[d]));
        }

        var before2018 = YearStart(first);
        if (members.Count < size)
        {
            members.UnionWith(TopBy(Enumerable.Range(0, before2018).Where(i => !members.Contains(i)), i => _target[i], size - members.Count));
        }

        var rows = new List<BundleMembership>();
        var bookOrder = members.Order().ToList();
        rows.AddRange(bookOrder.Select((film, r) => new BundleMembership(CanonicalList.TargetKey, _id[film], first, r + 1)));
        var everMember = new HashSet<int>(members);

        foreach (var (edition, share, fromYear) in EditionChanges)
        {
            var swaps = Math.Max(1, (int)Math.Round(size * share));
            var added = TopBy(
                Enumerable.Range(YearStart(fromYear), YearStart(edition) - YearStart(fromYear)).Where(i => !members.Contains(i)),
                i => _target[i],
                swaps);
            var removed = TopBy(members.Where(i => _year[i] >= 1990).Order(), i => -_target[i], added.Count);
            members.ExceptWith(removed);
            members.UnionWith(added.Take(removed.Count));
            everMember.UnionWith(members);
            rows.AddRange(members.Order().Select(film => new BundleMembership(CanonicalList.TargetKey, _id[film], edition, null)));
        }

        // Films of editions before 2018 that later left the book.
        var formerCount = (int)Math.Round(size * 0.15);
        everMember.UnionWith(TopBy(Enumerable.Range(0, before2018).Where(i => !everMember.Contains(i)), i => _target[i] - (0.5 * Normal()), formerCount));
        var any = everMember.Order().Select(film => new BundleMembership(CanonicalList.TargetAnyEditionKey, _id[film], null, null)).ToList();
        return (rows, any);
    }

    private int YearStart(int year) =>
        _yearStart[Math.Clamp(year, DemoCatalogue.FirstYear, DemoCatalogue.LastYear + 1) - DemoCatalogue.FirstYear];

    // ---------------------------------------------------------------- helpers

    /// <summary>The <paramref name="k"/> candidates with the highest score, best first (ties: lower index first).</summary>
    private static List<int> TopBy(IEnumerable<int> candidates, Func<int, double> score, int k)
    {
        if (k <= 0)
        {
            return [];
        }

        var heap = new PriorityQueue<int, ScoreKey>(k + 1, ScoreKey.Comparer);
        foreach (var i in candidates)
        {
            var key = new ScoreKey(score(i), i);
            if (heap.Count < k)
            {
                heap.Enqueue(i, key);
            }
            else if (heap.TryPeek(out _, out var worst) && ScoreKey.Comparer.Compare(key, worst) > 0)
            {
                heap.DequeueEnqueue(i, key);
            }
        }

        var result = new List<int>(heap.Count);
        while (heap.TryDequeue(out var i, out _))
        {
            result.Add(i);
        }

        result.Reverse();
        return result;
    }

    /// <summary>A score with the film index as tie-break: a higher score is better, then a lower index.</summary>
    private readonly record struct ScoreKey(double Score, int Index)
    {
        public static readonly Comparer<ScoreKey> Comparer = Comparer<ScoreKey>.Create(static (x, y) =>
        {
            var c = x.Score.CompareTo(y.Score);
            return c != 0 ? c : y.Index.CompareTo(x.Index);
        });
    }

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (largest remainder).</summary>
    private static int[] Apportion(double[] weights, int total)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => w * total / sum).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - counts.Sum();
        foreach (var index in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(left))
        {
            counts[index]++;
        }

        return counts;
    }

    private int PickWeighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = _rng.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>Standard normal draw (Marsaglia's polar method).</summary>
    private double Normal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = (2 * _rng.NextDouble()) - 1;
            v = (2 * _rng.NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * m;
        _hasSpare = true;
        return u * m;
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    // ---------------------------------------------------------------- the fixed vocabulary

    private readonly record struct CreditNeed(int Film, string Class, string Category, int EventYear, bool Won);

    private sealed record Category(string Award, string Name, double Weight, Traits Requires = Traits.None, string? CreditClass = null, bool Top = false, int FirstEventYear = 0);

    private sealed record Ceremony(
        string Key,
        int FirstEventYear,
        double Base,
        double Slope,
        Category[] Categories,
        double EnglishBias = 0,
        double FrenchBias = 0,
        double BritishBias = 0,
        double PopularityBias = 0);

    private sealed record Festival(string Key, int FirstYear, double Base, double Slope, double WinBase, Category[] LineUp, Category[] Prizes, double UsBias = -0.5, double FrenchBias = 0);

    // Later editions: the share of the edition swapped, and the first film year of the films that come in.
    private static readonly (int Edition, double Share, int FromYear)[] EditionChanges = [(2019, 0.012, 2017), (2021, 0.02, 2019), (2024, 0.014, 2020)];

    private static readonly double[] WritersPerCredit = [60, 35, 5];

    private static readonly (string Key, int FirstEventYear)[] CriticsAwards =
        [("dga", 1949), ("lafca", 1976), ("nbr", 1930), ("nsfc", 1967), ("nyfcc", 1936)];

    private static readonly Ceremony[] Ceremonies =
    [
        new("oscars", 1929, -2.6, 1.5,
        [
            new("Academy Award", "BEST PICTURE", 3, Traits.Fiction, Top: true),
            new("Academy Award", "DIRECTING", 2.2, Traits.Fiction, "Directing"),
            new("Academy Award", "ACTOR IN A LEADING ROLE", 1.8, Traits.LiveFiction, "Acting"),
            new("Academy Award", "ACTRESS IN A LEADING ROLE", 1.8, Traits.LiveFiction, "Acting"),
            new("Academy Award", "ACTOR IN A SUPPORTING ROLE", 1.6, Traits.LiveFiction, "Acting", FirstEventYear: 1937),
            new("Academy Award", "ACTRESS IN A SUPPORTING ROLE", 1.6, Traits.LiveFiction, "Acting", FirstEventYear: 1937),
            new("Academy Award", "WRITING (Original Screenplay)", 1.5, Traits.Fiction | Traits.Original, "Writing"),
            new("Academy Award", "WRITING (Adapted Screenplay)", 1.5, Traits.Fiction | Traits.Adapted, "Writing"),
            new("Academy Award", "CINEMATOGRAPHY", 1.3),
            new("Academy Award", "FILM EDITING", 1.3, FirstEventYear: 1935),
            new("Academy Award", "ART DIRECTION", 1.1),
            new("Academy Award", "COSTUME DESIGN", 1.0, FirstEventYear: 1949),
            new("Academy Award", "SOUND MIXING", 1.0, FirstEventYear: 1930),
            new("Academy Award", "MUSIC (Original Score)", 1.2, FirstEventYear: 1935),
            new("Academy Award", "MUSIC (Original Song)", 0.9, FirstEventYear: 1935),
            new("Academy Award", "VISUAL EFFECTS", 0.7, FirstEventYear: 1940),
            new("Academy Award", "INTERNATIONAL FEATURE FILM", 3, Traits.NonEnglish, FirstEventYear: 1957),
            new("Academy Award", "DOCUMENTARY (Feature)", 3, Traits.Documentary, FirstEventYear: 1943),
            new("Academy Award", "ANIMATED FEATURE FILM", 3, Traits.Animation, FirstEventYear: 2002),
        ], EnglishBias: 0.4),
        new("bafta", 1949, -3.4, 1.4,
        [
            new("bafta film award", "best film", 3, Traits.Fiction, Top: true),
            new("bafta film award", "best director", 1.5, Traits.Fiction, FirstEventYear: 1969),
            new("bafta film award", "best leading actor", 1.4, Traits.LiveFiction),
            new("bafta film award", "best leading actress", 1.4, Traits.LiveFiction),
            new("bafta film award", "best supporting actor", 1.1, Traits.LiveFiction, FirstEventYear: 1969),
            new("bafta film award", "best supporting actress", 1.1, Traits.LiveFiction, FirstEventYear: 1969),
            new("bafta film award", "best screenplay - original", 1.1, Traits.Fiction | Traits.Original, FirstEventYear: 1969),
            new("bafta film award", "best screenplay - adapted", 1.1, Traits.Fiction | Traits.Adapted, FirstEventYear: 1969),
            new("bafta film award", "best cinematography", 1.6, FirstEventYear: 1964),
            new("bafta film award", "best editing", 1.3, FirstEventYear: 1968),
            new("bafta film award", "best costume design", 1.3, FirstEventYear: 1965),
            new("bafta film award", "best production design", 1.2, FirstEventYear: 1965),
            new("bafta film award", "best sound", 1.2, FirstEventYear: 1969),
            new("anthony asquith award for film music", "anthony asquith award for film music", 0.8, FirstEventYear: 1969),
            new("bafta film award", "best film not in the english language", 2.5, Traits.NonEnglish, FirstEventYear: 1983),
        ], EnglishBias: 0.3, BritishBias: 0.9),
        new("golden_globes", 1944, -3.3, 1.4,
        [
            new("golden globe", "best motion picture - drama", 2.5, Traits.Fiction | Traits.Drama, Top: true),
            new("golden globe", "best motion picture - comedy or musical", 2.5, Traits.Fiction | Traits.Comedy, Top: true, FirstEventYear: 1952),
            new("golden globe", "best director - motion picture", 1.6, Traits.Fiction),
            new("golden globe", "best screenplay - motion picture", 1.5, Traits.Fiction, FirstEventYear: 1948),
            new("golden globe", "best original score - motion picture", 1.4, FirstEventYear: 1948),
            new("golden globe", "best original song - motion picture", 1.1, FirstEventYear: 1962),
            new("golden globe", "best performance by an actor in a motion picture - drama", 1.2, Traits.LiveFiction | Traits.Drama),
            new("golden globe", "best performance by an actress in a motion picture - drama", 1.2, Traits.LiveFiction | Traits.Drama),
            new("golden globe", "best performance by an actor in a motion picture - comedy or musical", 1.2, Traits.LiveFiction | Traits.Comedy, FirstEventYear: 1952),
            new("golden globe", "best performance by an actress in a motion picture - comedy or musical", 1.2, Traits.LiveFiction | Traits.Comedy, FirstEventYear: 1952),
            new("golden globe", "best performance by an actor in a supporting role in a motion picture", 1.2, Traits.LiveFiction),
            new("golden globe", "best performance by an actress in a supporting role in a motion picture", 1.2, Traits.LiveFiction),
            new("golden globe", "best foreign language film", 2.5, Traits.NonEnglish, FirstEventYear: 1950),
        ], EnglishBias: 0.4),
        new("critics_choice", 1996, -2.9, 1.4,
        [
            new("critics choice award", "best picture", 3, Traits.Fiction, Top: true),
            new("critics choice award", "best director", 1.5, Traits.Fiction),
            new("critics choice award", "best actor", 1.4, Traits.LiveFiction),
            new("critics choice award", "best actress", 1.4, Traits.LiveFiction),
            new("critics choice award", "best supporting actor", 1.2, Traits.LiveFiction),
            new("critics choice award", "best supporting actress", 1.2, Traits.LiveFiction),
            new("critics choice award", "best acting ensemble", 1.1, Traits.LiveFiction),
            new("critics choice award", "best original screenplay", 1.0, Traits.Fiction | Traits.Original),
            new("critics choice award", "best song", 0.9),
            new("critics choice award", "best visual effects", 0.8),
            new("critics choice award", "best animated feature", 3, Traits.Animation),
            new("critics choice award", "best foreign language film", 2.5, Traits.NonEnglish),
        ], EnglishBias: 0.3),
        new("sag", 1995, -3.6, 1.3,
        [
            new("actor", "outstanding performance by a cast in a motion picture", 2, Traits.LiveFiction, Top: true),
            new("actor", "outstanding performance by a male actor in a leading role", 1.5, Traits.LiveFiction),
            new("actor", "outstanding performance by a female actor in a leading role", 1.5, Traits.LiveFiction),
            new("actor", "outstanding performance by a male actor in a supporting role", 1.4, Traits.LiveFiction),
            new("actor", "outstanding performance by a female actor in a supporting role", 1.4, Traits.LiveFiction),
            new("actor", "outstanding action performance by a stunt ensemble in a motion picture", 0.6, Traits.LiveFiction, FirstEventYear: 2008),
        ], EnglishBias: 0.6),
        new("independent_spirit", 1986, -3.0, 1.0,
        [
            new("independent spirit award", "best feature", 2.5, Traits.Fiction | Traits.Us, Top: true),
            new("independent spirit award", "best director", 1.6, Traits.Fiction | Traits.Us),
            new("independent spirit award", "best screenplay", 1.5, Traits.Fiction | Traits.Us),
            new("independent spirit award", "best male lead", 1.2, Traits.LiveFiction | Traits.Us),
            new("independent spirit award", "best female lead", 1.2, Traits.LiveFiction | Traits.Us),
            new("independent spirit award", "best supporting male", 1.0, Traits.LiveFiction | Traits.Us),
            new("independent spirit award", "best supporting female", 1.0, Traits.LiveFiction | Traits.Us),
            new("independent spirit award", "best cinematography", 1.0, Traits.Us),
            new("independent spirit award", "best first feature", 0.8, Traits.Fiction | Traits.Us),
            new("independent spirit award", "best documentary", 2, Traits.Documentary | Traits.Us),
            new("independent spirit award", "best foreign film", 2, Traits.NonUs),
        ], PopularityBias: -0.6),
        new("cesar", 1976, -4.6, 1.2,
        [
            new("césar", "best film (meilleur film)", 2.5, Traits.French | Traits.Fiction, Top: true),
            new("césar", "best director (meilleur réalisateur)", 1.5, Traits.French | Traits.Fiction),
            new("césar", "best actor (meilleur acteur)", 1.3, Traits.French | Traits.LiveFiction),
            new("césar", "best actress (meilleure actrice)", 1.3, Traits.French | Traits.LiveFiction),
            new("césar", "best cinematography (meilleure photographie)", 1.1, Traits.French),
            new("césar", "best editing (meilleur montage)", 1.1, Traits.French),
            new("césar", "best sound (meilleur son)", 1.1, Traits.French),
            new("césar", "best production design (meilleurs décors)", 1.0, Traits.French),
            new("césar", "best costume design (meilleurs costumes)", 1.0, Traits.French),
            new("césar", "best foreign film (meilleur film étranger)", 3, Traits.NonFrench),
        ], FrenchBias: 3.4),
    ];

    private static readonly Festival[] Festivals =
    [
        new("cannes", 1946, -3.6, 1.1, -2.4,
        [
            new("palme d'or", "palme d'or", 4, Traits.Fiction, Top: true),
            new("un certain regard award", "un certain regard award", 1.5),
            new("golden camera", "golden camera", 1, Traits.Fiction),
            new("sacd prize", "directors' fortnight", 0.8, Traits.Fiction),
        ],
        [
            new("grand prize of the jury", "grand prize of the jury", 1),
            new("jury prize", "jury prize", 1),
            new("best director", "best director", 1, Traits.Fiction),
            new("best actor", "best actor", 1, Traits.LiveFiction),
            new("best actress", "best actress", 1, Traits.LiveFiction),
            new("best screenplay", "best screenplay", 0.8, Traits.Fiction),
            new("prize of the ecumenical jury", "prize of the ecumenical jury", 0.8),
            new("fipresci prize", "competition", 0.8),
        ], FrenchBias: 0.5),
        new("venice", 1932, -3.8, 1.1, -2.4,
        [
            new("golden lion", "golden lion", 4, Top: true),
            new("venice horizons award", "best film", 1.5),
            new("queer lion award", "queer lion award", 0.4),
        ],
        [
            new("silver lion", "silver lion", 1, Traits.Fiction),
            new("volpi cup", "best actor", 1, Traits.LiveFiction),
            new("volpi cup", "best actress", 1, Traits.LiveFiction),
            new("grand jury prize", "grand jury prize", 1),
            new("fipresci prize", "competition", 0.8),
        ]),
        new("berlin", 1951, -4.0, 1.0, -2.4,
        [
            new("golden berlin bear", "golden berlin bear", 4, Top: true),
            new("teddy", "best feature film", 0.5, Traits.Fiction),
        ],
        [
            new("silver berlin bear", "best director", 1, Traits.Fiction),
            new("silver berlin bear", "best actor", 1, Traits.LiveFiction),
            new("silver berlin bear", "best actress", 1, Traits.LiveFiction),
            new("silver berlin bear", "special jury prize", 1),
            new("prize of the ecumenical jury", "competition", 0.6),
            new("fipresci prize", "competition", 0.6),
        ]),
        new("sundance", 1985, -3.8, 0.9, -2.0,
        [
            new("grand jury prize", "dramatic", 3, Traits.Us | Traits.Fiction, Top: true),
            new("grand jury prize", "documentary", 3, Traits.Us | Traits.Documentary),
            new("grand jury prize", "world cinema - dramatic", 1.5, Traits.NonUs | Traits.Fiction, FirstEventYear: 2005),
            new("grand jury prize", "world cinema - documentary", 1, Traits.NonUs | Traits.Documentary, FirstEventYear: 2005),
        ],
        [
            new("audience award", "dramatic", 1, Traits.Us | Traits.Fiction),
            new("directing award", "dramatic", 1, Traits.Us | Traits.Fiction),
            new("special jury prize", "dramatic", 1, Traits.Us | Traits.Fiction),
            new("audience award", "documentary", 1, Traits.Documentary),
            new("waldo salt screenwriting award", "waldo salt screenwriting award", 0.8, Traits.Fiction),
        ], UsBias: 0.8),
        new("tiff", 1978, -4.4, 0.9, -0.6,
        [
            new("people's choice award", "people's choice award", 3, Top: true),
            new("people's choice award", "midnight madness", 3, Traits.Horror),
            new("people's choice award", "documentary", 1, Traits.Documentary),
            new("platform prize", "platform prize", 1, Traits.Fiction),
        ],
        [
            new("metro media award", "metro media award", 1),
            new("fipresci prize", "special presentations", 1),
        ], UsBias: 0),
    ];

    private static readonly BundleList[] ListDefinitions =
    [
        new(CanonicalList.TargetKey, "1001 Movies You Must See Before You Die (per edition)", ListKinds.Target,
            "Demo data: a generated stand-in for the book, one row per film and edition (2018, 2019, 2021, 2024); rank = book order in 2018."),
        new(CanonicalList.TargetAnyEditionKey, "1001 Movies You Must See Before You Die (any edition)", ListKinds.Target,
            "Demo data: every film of any generated edition, plus films of older editions that left the book."),
        new("national_film_registry", "US National Film Registry (Library of Congress)", ListKinds.Registry, "Demo data; edition = induction year."),
        new("criterion", "The Criterion Collection (complete)", ListKinds.Registry, "Demo data; unranked."),
        new("sight_and_sound_2022", "Sight and Sound Greatest Films of All Time 2022 (critics' poll)", ListKinds.Canon, "Demo data; rank = position."),
        new("afi_100_2007", "AFI's 100 Years...100 Movies (10th anniversary edition, 2007)", ListKinds.Canon, "Demo data; rank = position."),
        new("tspdt_1000", "They Shoot Pictures, Don't They? - The 1,000 Greatest Films", ListKinds.Canon, "Demo data; rank = position."),
        new("tspdt_21st_century", "They Shoot Pictures, Don't They? - 21st Century's Most Acclaimed Films", ListKinds.Canon, "Demo data; rank = position."),
        new("ebert_great_movies", "Roger Ebert's Great Movies", ListKinds.Canon, "Demo data; unranked."),
        new("imdb_top_250", "IMDb Top 250", ListKinds.Popularity, "Demo data; rank = position by rating among films with 25,000 votes or more."),
        new("letterboxd_top250_history", "Letterboxd Top 250 - every film ever in it", ListKinds.Popularity, "Demo data; unranked."),
    ];

    private static readonly double[] GenreCountWeights = [30, 40, 30];

    // Weights: films per IMDb genre in the real bundle (documentaries, westerns and noir a little more common).
    private static readonly (string Name, double Weight, bool WithDocumentary)[] Genres =
    [
        ("Drama", 3551, false), ("Comedy", 2361, false), ("Action", 1945, false), ("Crime", 1402, false),
        ("Adventure", 1364, false), ("Thriller", 1134, false), ("Romance", 1003, false), ("Horror", 875, false),
        ("Mystery", 798, false), ("Sci-Fi", 568, false), ("Fantasy", 542, false), ("Biography", 501, true),
        ("Animation", 357, false), ("Family", 341, false), ("History", 215, true), ("Music", 184, true),
        ("Sport", 144, true), ("War", 129, false), ("Documentary", 120, false), ("Musical", 75, false),
        ("Western", 90, false), ("Film-Noir", 40, false),
    ];

    private const int AnimationGenre = 12;
    private const int DocumentaryGenre = 18;

    private static readonly double[] GenreWeights = [.. Genres.Select(g => g.Weight)];

    private static readonly (string Code, string Language, double Weight)[] Countries =
    [
        ("US", "en", 46), ("GB", "en", 9), ("FR", "fr", 8), ("IT", "it", 5), ("JP", "ja", 5), ("DE", "de", 4),
        ("CA", "en", 3), ("IN", "hi", 3), ("KR", "ko", 2.5), ("ES", "es", 2.5), ("HK", "cn", 2), ("CN", "zh", 2),
        ("SE", "sv", 1.5), ("MX", "es", 1.5), ("BR", "pt", 1.5), ("AU", "en", 1.5), ("RU", "ru", 1.5), ("DK", "da", 1),
        ("PL", "pl", 1), ("IR", "fa", 1), ("AR", "es", 0.8), ("TW", "zh", 0.8), ("BE", "fr", 0.6), ("NL", "nl", 0.6),
    ];

    private static readonly double[] CountryWeights = [.. Countries.Select(c => c.Weight)];

    private static readonly string[] Adjectives =
    [
        "Silent", "Last", "Crimson", "Hidden", "Broken", "Golden", "Distant", "Burning", "Empty", "Quiet", "Wild",
        "Endless", "Restless", "Forgotten", "Lonely", "Bright", "Hollow", "Northern", "Secret", "Velvet", "Iron",
        "Paper", "Glass", "Bitter", "Sweet", "Long", "Little", "Dark", "Strange", "Electric", "Frozen", "Savage",
        "Gentle", "Sleeping", "Falling", "Lost", "Seventh", "Final", "Pale", "Scarlet", "Painted", "Borrowed",
    ];

    private static readonly string[] Nouns =
    [
        "Harbor", "River", "Garden", "Mirror", "Station", "Summer", "Winter", "Road", "House", "Window", "Letter",
        "Shadow", "Bridge", "Island", "Orchard", "Lighthouse", "Stranger", "Horizon", "Carnival", "Frontier", "Kingdom",
        "Season", "Promise", "Voyage", "Witness", "Tide", "Forest", "Hour", "Signal", "Empire", "Ballad", "Harvest",
        "Circus", "Citadel", "Compass", "Lantern", "Passenger", "Detective", "Dancer", "Machine", "Verdict", "Songbird",
    ];

    private static readonly string[] Places =
    [
        "Varna", "Lisbon", "Tangier", "Odessa", "Kyoto", "Havana", "Marseille", "Trieste", "Bergen", "Valparaiso",
        "Cairo", "Lagos", "Oaxaca", "Riga", "Palermo", "Tbilisi", "Galway", "Manila", "Saigon", "Montevideo", "Bruges",
        "Nagasaki", "Reykjavik", "Sarajevo", "Casablanca", "Krakow", "Naples", "Istanbul", "Dakar", "Memphis", "Tucson",
        "Duluth", "Macau", "Zanzibar", "Salzburg", "Antwerp",
    ];

    private static readonly string[] Times =
    [
        "Midnight", "Morning", "Twilight", "Sunday", "August", "Autumn", "Evening", "Yesterday", "December", "Spring",
        "Dawn", "Saturday",
    ];

    private static readonly string[] FemaleNames =
    [
        "Anna", "Lena", "Ines", "Yuki", "Clara", "Nadia", "Vera", "Rosa", "Mira", "Alma", "Ada", "Greta", "Edith",
        "Irene", "Hazel", "Selma", "Nora", "Lotte", "Agnes", "Maude", "Bianca", "Esther", "Livia", "Pearl", "June",
        "Ruth", "Iris", "Frances", "Harriet", "Olive", "Beatrix", "Simone",
    ];

    private static readonly string[] MaleNames =
    [
        "Marco", "Tomas", "Omar", "Felix", "Hugo", "Elias", "Ivan", "Jonas", "Pablo", "Walter", "Louis", "Samuel",
        "Victor", "Arthur", "Oscar", "Henry", "Jakob", "Rafael", "Kenji", "Milo", "Dmitri", "Conrad", "Anton",
        "Desmond", "Teodor", "Laszlo", "Ignacio", "Stellan", "Nikolai", "Bruno", "Cyril", "Emil",
    ];

    private static readonly string[] GivenNames = [.. FemaleNames, .. MaleNames];

    private static readonly string[] FamilyNames =
    [
        "Lindqvist", "Moreau", "Castellano", "Okafor", "Tanaka", "Brennan", "Novak", "Halloran", "Varga", "Petrescu",
        "Whitlock", "Delacroix", "Oyelaran", "Marchetti", "Kowalczyk", "Ashby", "Fontaine", "Rasmussen", "Quintero",
        "Hargreaves", "Sato", "Ferreira", "Lindgren", "Abernathy", "Villanueva", "Dubois", "Kessler", "Morozov",
        "Pemberton", "Almeida", "Jovanovic", "Castellanos", "Holloway", "Nakamura", "Bergstrom", "Okonkwo", "Rinaldi",
        "Thornbury", "Esposito", "Fairweather", "Lachance", "Demir", "Harrington", "Sandoval", "Wexler", "Zielinski",
        "Mbeki", "Caldwell", "Ostrowski", "Galloway", "Ivarsson", "Montague", "Beaumont", "Takahashi", "Kovacs",
        "Ellingham", "Serrano", "Vasquez", "Hadley", "Aurelio", "Blackwood", "Stroud", "Castillo", "Ferrante",
        "Lindholm", "Greaves", "Arkwright", "Bellamy", "Calloway", "Dunmore", "Everly", "Fairbanks", "Gallo", "Hume",
        "Ingram", "Jarvis", "Kingsley", "Lowell", "Mercer", "Nyberg",
    ];

    // After the name lists: static fields are initialised in the order they are written.
    private static readonly (string Key, string[] GivenNames)[] PersonPools =
        [("Actor", MaleNames), ("Actress", FemaleNames), ("Directing", GivenNames), ("Writing", GivenNames)];
}
