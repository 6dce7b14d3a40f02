namespace Cinegraph.Core.Catalog;

/// <summary>
/// The award rows of a demo catalogue: ceremonies (the year after the film), festivals (the film's year) and critics'
/// best-film prizes, drawn from each film's acclaim and traits. Nominations in person categories leave a
/// <see cref="DemoCreditNeed"/> for <see cref="DemoCredits"/>.
/// </summary>
internal sealed class DemoAwards(DemoFilms films, DemoRandom rng, DemoVocabulary vocabulary)
{
    private const int LastEventYear = 2025;

    // Scratch buffers of the category draws.
    private readonly List<DemoCategory> _eligible = [];
    private readonly double[] _weights = new double[32];

    public List<DemoCreditNeed> CreditNeeds { get; } = [];

    public List<BundleAward> Generate()
    {
        var critics = PickCriticsWinners();
        var awards = new List<BundleAward>(films.Count * 2);
        var film = new List<BundleAward>();
        for (var i = 0; i < films.Count; i++)
        {
            film.Clear();
            foreach (var ceremony in vocabulary.Ceremonies)
            {
                AddCeremony(i, ceremony, film);
            }

            foreach (var festival in vocabulary.Festivals)
            {
                AddFestival(i, festival, film);
            }

            if (critics.TryGetValue(i, out var events))
            {
                foreach (var key in events)
                {
                    film.Add(new BundleAward(films.Id[i], key, films.Year[i] + 1, "Best Film", "Best Film", true));
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

    private void AddCeremony(int i, DemoCeremony ceremony, List<BundleAward> into)
    {
        var eventYear = films.Year[i] + 1;
        if (eventYear < ceremony.FirstEventYear || eventYear > LastEventYear)
        {
            return;
        }

        var traits = films.Traits[i];
        var a = films.Acclaim[i];
        var logit = ceremony.Base + (ceremony.Slope * a)
            + (traits.HasFlag(DemoTraits.English) ? ceremony.EnglishBias : 0)
            + (traits.HasFlag(DemoTraits.French) ? ceremony.FrenchBias : 0)
            + (traits.HasFlag(DemoTraits.British) ? ceremony.BritishBias : 0)
            + (ceremony.PopularityBias * films.Popularity[i]);
        if (rng.NextDouble() >= DemoRandom.Logistic(logit))
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
        while (count < eligible.Count && count < 11 && rng.NextDouble() < more)
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

            var pick = rng.PickWeighted(weights);
            var category = eligible[pick];
            eligible.RemoveAt(pick);
            var won = rng.NextDouble() < DemoRandom.Logistic((category.Top ? -2.6 : -2.3) + (0.8 * a));
            into.Add(new BundleAward(films.Id[i], ceremony.Key, eventYear, category.Award, category.Name, won));
            if (category.CreditClass is { } creditClass)
            {
                CreditNeeds.Add(new DemoCreditNeed(i, creditClass, category.Name, eventYear, won));
            }
        }
    }

    private void AddFestival(int i, DemoFestival festival, List<BundleAward> into)
    {
        var eventYear = films.Year[i];
        if (eventYear < festival.FirstYear || eventYear > LastEventYear)
        {
            return;
        }

        var traits = films.Traits[i];
        var a = films.Acclaim[i];
        var logit = festival.Base + (festival.Slope * a)
            + (traits.HasFlag(DemoTraits.Us) ? festival.UsBias : 0)
            + (traits.HasFlag(DemoTraits.French) ? festival.FrenchBias : 0);
        if (rng.NextDouble() >= DemoRandom.Logistic(logit))
        {
            return;
        }

        var lineUp = PickEligible(festival.LineUp, traits, eventYear);
        if (lineUp is null)
        {
            return;
        }

        var won = rng.NextDouble() < DemoRandom.Logistic(festival.WinBase + (0.9 * a));
        into.Add(new BundleAward(films.Id[i], festival.Key, eventYear, lineUp.Award, lineUp.Name, won));
        if (won || rng.NextDouble() >= DemoRandom.Logistic(-1.8 + (0.8 * a)))
        {
            return;
        }

        if (PickEligible(festival.Prizes, traits, eventYear) is { } prize)
        {
            into.Add(new BundleAward(films.Id[i], festival.Key, eventYear, prize.Award, prize.Name, true));
        }
    }

    private DemoCategory? PickEligible(IReadOnlyList<DemoCategory> categories, DemoTraits traits, int eventYear)
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

        return _eligible.Count == 0 ? null : _eligible[rng.PickWeighted(_weights.AsSpan(0, _eligible.Count))];
    }

    /// <summary>The critics' groups give one "Best Film" a year: the most acclaimed film of the year in their eyes.</summary>
    private Dictionary<int, List<string>> PickCriticsWinners()
    {
        var winners = new Dictionary<int, List<string>>();
        for (var year = DemoCatalogue.FirstYear; year <= DemoCatalogue.LastYear; year++)
        {
            var from = films.YearStart(year);
            var to = films.YearStart(year + 1);
            if (from == to)
            {
                continue;
            }

            foreach (var critics in vocabulary.CriticsAwards)
            {
                if (year + 1 < critics.FirstEventYear || year + 1 > LastEventYear)
                {
                    continue;
                }

                var best = -1;
                var bestScore = double.NegativeInfinity;
                for (var i = from; i < to; i++)
                {
                    var score = films.Acclaim[i] + (0.5 * rng.Normal());
                    if (score > bestScore)
                    {
                        (best, bestScore) = (i, score);
                    }
                }

                if (!winners.TryGetValue(best, out var events))
                {
                    winners[best] = events = [];
                }

                events.Add(critics.Key);
            }
        }

        return winners;
    }
}

/// <summary>A nomination in a person category (acting, directing, writing) that needs people credited for it.</summary>
internal readonly record struct DemoCreditNeed(int Film, string Class, string Category, int EventYear, bool Won);
