namespace Cinegraph.Core.Catalog;

/// <summary>
/// Runs the parts of the demo generator in their fixed order (films, awards, Oscar people, lists), all drawing from
/// one <see cref="DemoRandom"/>: the order is part of the output, so it must not change.
/// </summary>
internal static class DemoGenerator
{
    public static BundleData Run(int films, int seed)
    {
        var rng = new DemoRandom(seed);
        var vocabulary = DemoVocabulary.Instance;
        var catalogue = new DemoFilms(films, rng, vocabulary);
        var movies = catalogue.Generate();
        var awardDraws = new DemoAwards(catalogue, rng, vocabulary);
        var awards = awardDraws.Generate();
        var credits = new DemoCredits(catalogue, rng, vocabulary).Generate(awardDraws.CreditNeeds);
        var (lists, memberships) = new DemoLists(catalogue, rng, vocabulary).Generate();
        return new BundleData(movies, awards, lists, memberships, credits);
    }
}
