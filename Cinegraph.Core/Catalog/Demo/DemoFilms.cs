namespace Cinegraph.Core.Catalog;

/// <summary>
/// The films of a demo catalogue and their hidden traits, by index (films are in year order, so ids ascend with the
/// year). Awards, people and lists are drawn from these traits by the other parts of the generator.
/// </summary>
internal sealed class DemoFilms
{
    // Real bundle: films per decade 1920s..2020s (the 1900s and 1910s folded into the 1920s).
    private static readonly double[] DecadeWeights = [104, 385, 638, 552, 622, 712, 1082, 1652, 2787, 3771, 1954];

    // Real bundle: films per year 2020..2025.
    private static readonly double[] TwentiesYearWeights = [311, 345, 381, 370, 309, 238];

    // Films with one, two and three genres.
    private static readonly double[] GenreCountWeights = [30, 40, 30];

    private const int FakeTitleBase = 90_000_000;

    private readonly DemoRandom _rng;
    private readonly DemoVocabulary _vocabulary;
    private readonly double[] _genreWeights;
    private readonly double[] _countryWeights;
    private readonly int _animationGenre;
    private readonly int _documentaryGenre;
    private readonly int[] _yearStart = new int[DemoCatalogue.LastYear - DemoCatalogue.FirstYear + 2];

    public DemoFilms(int films, DemoRandom rng, DemoVocabulary vocabulary)
    {
        Count = films;
        _rng = rng;
        _vocabulary = vocabulary;
        _genreWeights = [.. vocabulary.Genres.Select(g => g.Weight)];
        _countryWeights = [.. vocabulary.Countries.Select(c => c.Weight)];
        _animationGenre = GenreIndex("Animation");
        _documentaryGenre = GenreIndex("Documentary");
        Year = new int[films];
        Id = new string[films];
        Quality = new double[films];
        Acclaim = new double[films];
        Canon = new double[films];
        Target = new double[films];
        Popularity = new double[films];
        Rating = new double?[films];
        Votes = new int?[films];
        Traits = new DemoTraits[films];
    }

    /// <summary>The largest number of ids a fake range (titles or people) holds.</summary>
    public const int FakeIdSpace = 9_000_000;

    public int Count { get; }

    public int[] Year { get; }

    public string[] Id { get; }

    /// <summary>The hidden quality every other trait sees through its own noise.</summary>
    public double[] Quality { get; }

    /// <summary>Quality as awards see it.</summary>
    public double[] Acclaim { get; }

    /// <summary>Quality as canon lists see it.</summary>
    public double[] Canon { get; }

    /// <summary>Quality as the 1001 book sees it.</summary>
    public double[] Target { get; }

    public double[] Popularity { get; }

    public double?[] Rating { get; }

    public int?[] Votes { get; }

    public DemoTraits[] Traits { get; }

    /// <summary>The index of the first film of <paramref name="year"/> or later (years outside the range are clamped).</summary>
    public int YearStart(int year) =>
        _yearStart[Math.Clamp(year, DemoCatalogue.FirstYear, DemoCatalogue.LastYear + 1) - DemoCatalogue.FirstYear];

    /// <summary>Draws every film: years and ids first, then each film's traits, facts and title.</summary>
    public List<BundleMovie> Generate()
    {
        GenerateYearsAndIds();
        return GenerateMovies();
    }

    private int GenreIndex(string name)
    {
        for (var g = 0; g < _vocabulary.Genres.Count; g++)
        {
            if (_vocabulary.Genres[g].Name == name)
            {
                return g;
            }
        }

        throw new InvalidOperationException($"The demo vocabulary has no genre {name}.");
    }

    private void GenerateYearsAndIds()
    {
        var perDecade = DemoRanking.Apportion(DecadeWeights, Count);
        var i = 0;
        for (var d = 0; d < perDecade.Length; d++)
        {
            var start = i;
            var decade = DemoCatalogue.FirstYear + (d * 10);
            for (var k = 0; k < perDecade[d]; k++)
            {
                Year[i++] = decade == 2020 ? 2020 + _rng.PickWeighted(TwentiesYearWeights) : decade + _rng.Next(10);
            }

            Array.Sort(Year, start, i - start);
        }

        var y = 0;
        for (var year = DemoCatalogue.FirstYear; year <= DemoCatalogue.LastYear + 1; year++)
        {
            while (y < Count && Year[y] < year)
            {
                y++;
            }

            _yearStart[year - DemoCatalogue.FirstYear] = y;
        }

        _rng.AscendingIds(Count, FakeTitleBase, FakeIdSpace, "tt", Id);
    }

    private List<BundleMovie> GenerateMovies()
    {
        var movies = new List<BundleMovie>(Count);
        for (var i = 0; i < Count; i++)
        {
            var year = Year[i];
            var q = _rng.Normal();
            Quality[i] = q;
            Acclaim[i] = q + (0.35 * _rng.Normal());
            Canon[i] = q + (0.4 * _rng.Normal());
            Target[i] = q + (0.45 * _rng.Normal());
            Popularity[i] = (0.45 * q) + (0.85 * _rng.Normal()) + ((year - 1975) / 100.0);

            var missing = year < 1940 ? 0.18 : year >= 2025 ? 0.12 : 0.06;
            if (Popularity[i] < -1.5)
            {
                missing += 0.1;
            }

            if (_rng.NextDouble() >= missing)
            {
                Rating[i] = Math.Round(Math.Clamp(6.4 + (0.8 * q) + (0.55 * _rng.Normal()), 1.0, 10.0), 1);
                var logVotes = 10.3 + (1.15 * Popularity[i]) + (0.3 * _rng.Normal());
                Votes[i] = (int)Math.Round(Math.Exp(Math.Clamp(logVotes, 1.7, 15.0)));
            }

            int? runtime = _rng.NextDouble() < 0.08
                ? null
                : (int)Math.Round(Math.Clamp((year < 1950 ? 92 : 108) + (20 * _rng.Normal()), 62, 240));

            var genres = PickGenres(year);
            var (countries, language) = PickCountries(year);
            Traits[i] = TraitsOf(genres, countries, language) | (_rng.NextDouble() < 0.4 ? DemoTraits.Adapted : DemoTraits.Original);

            movies.Add(new BundleMovie(Id[i], MakeTitle(), year, runtime, genres, countries, language, Rating[i], Votes[i], null));
        }

        // A Letterboxd popularity rank for the most popular third (at most the list's 5000 places).
        var ranked = Math.Min(Count / 3, 5000);
        var top = DemoRanking.TopBy(Enumerable.Range(0, Count), i => Popularity[i], ranked);
        for (var r = 0; r < top.Count; r++)
        {
            movies[top[r]] = movies[top[r]] with { LetterboxdPopularityRank = r + 1 };
        }

        return movies;
    }

    private string[] PickGenres(int year)
    {
        var genres = _vocabulary.Genres;
        var count = 1 + _rng.PickWeighted(GenreCountWeights);
        Span<int> picked = stackalloc int[3];
        var found = 0;
        for (var attempt = 0; found < count && attempt < 10; attempt++)
        {
            var genre = _rng.PickWeighted(_genreWeights);
            if ((genre == _animationGenre && year < 1935) || picked[..found].Contains(genre))
            {
                continue;
            }

            // A documentary keeps only the genres a documentary can have.
            if (genre == _documentaryGenre)
            {
                found = 0;
                count = 1;
            }
            else if (found > 0 && picked[0] == _documentaryGenre && !genres[genre].WithDocumentary)
            {
                continue;
            }

            picked[found++] = genre;
        }

        // Genres are listed in alphabetical order, as IMDb lists them.
        var names = new string[found];
        for (var k = 0; k < found; k++)
        {
            names[k] = genres[picked[k]].Name;
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

        var all = _vocabulary.Countries;
        var first = all[_rng.PickWeighted(_countryWeights)];
        var code = first.Code == "RU" && year < 1992 ? "SU" : first.Code;
        string[] countries = _rng.NextDouble() < 0.2
            ? [code, all[_rng.PickWeighted(_countryWeights)].Code]
            : [code];
        if (countries.Length == 2 && (countries[1] == countries[0] || countries[1] is "RU" or "SU"))
        {
            countries = [code];
        }

        return (countries, _rng.NextDouble() < 0.05 ? null : first.Language);
    }

    private static DemoTraits TraitsOf(string[] genres, string[] countries, string? language)
    {
        // Array.IndexOf compares strings ordinally.
        var documentary = Array.IndexOf(genres, "Documentary") >= 0;
        var animation = Array.IndexOf(genres, "Animation") >= 0;
        var traits = documentary ? DemoTraits.Documentary : DemoTraits.Fiction;
        traits |= animation ? DemoTraits.Animation : DemoTraits.None;
        traits |= !documentary && !animation ? DemoTraits.LiveFiction : DemoTraits.None;
        traits |= language is null or "en" ? DemoTraits.English : DemoTraits.NonEnglish;
        traits |= Array.IndexOf(countries, "FR") >= 0 ? DemoTraits.French : DemoTraits.NonFrench;
        traits |= countries.Length == 0 || countries[0] == "US" ? DemoTraits.Us : DemoTraits.NonUs;
        traits |= Array.IndexOf(countries, "GB") >= 0 ? DemoTraits.British : DemoTraits.None;
        traits |= Array.IndexOf(genres, "Comedy") >= 0 || Array.IndexOf(genres, "Musical") >= 0 ? DemoTraits.Comedy : DemoTraits.Drama;
        traits |= Array.IndexOf(genres, "Horror") >= 0 ? DemoTraits.Horror : DemoTraits.None;
        return traits;
    }

    private string MakeTitle()
    {
        var words = _vocabulary.TitleWords;
        var names = _vocabulary.Names;
        string Adj() => _rng.Pick(words.Adjectives);
        string Noun() => _rng.Pick(words.Nouns);
        string Place() => _rng.Pick(words.Places);
        string Time() => _rng.Pick(words.Times);
        string Name() => _rng.Pick(names.Given);

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
}
