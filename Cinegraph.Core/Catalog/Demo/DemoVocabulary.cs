using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cinegraph.Core.Catalog;

/// <summary>
/// The fixed vocabulary of the demo catalogue: award events and their categories, lists, genres, countries, title words
/// and names. It is data, kept in <c>demo-vocabulary.json</c> (embedded), read once.
/// </summary>
internal sealed record DemoVocabulary(
    IReadOnlyList<DemoCeremony> Ceremonies,
    IReadOnlyList<DemoFestival> Festivals,
    IReadOnlyList<DemoCriticsAward> CriticsAwards,
    IReadOnlyList<BundleList> Lists,
    IReadOnlyList<DemoGenre> Genres,
    IReadOnlyList<DemoCountry> Countries,
    DemoTitleWords TitleWords,
    DemoNames Names)
{
    private const string ResourceName = "Cinegraph.Core.Catalog.Demo.demo-vocabulary.json";

    // Strict: a misspelt or missing field in the data file fails the first generation, not silently later.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter<DemoTraits>() },
    };

    private static readonly Lazy<DemoVocabulary> Loaded = new(Load);

    public static DemoVocabulary Instance => Loaded.Value;

    private static DemoVocabulary Load()
    {
        using var stream = typeof(DemoVocabulary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from Cinegraph.Core.");
        return JsonSerializer.Deserialize<DemoVocabulary>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"{ResourceName} is empty.");
    }
}

/// <summary>An award category; <see cref="Requires"/> are the traits a film needs to be eligible.</summary>
internal sealed record DemoCategory(
    string Award,
    string Name,
    double Weight,
    DemoTraits Requires = DemoTraits.None,
    string? CreditClass = null,
    bool Top = false,
    int FirstEventYear = 0);

/// <summary>An awards ceremony held the year after the film: a logistic chance of any nomination, then categories.</summary>
internal sealed record DemoCeremony(
    string Key,
    int FirstEventYear,
    double Base,
    double Slope,
    IReadOnlyList<DemoCategory> Categories,
    double EnglishBias = 0,
    double FrenchBias = 0,
    double BritishBias = 0,
    double PopularityBias = 0);

/// <summary>A festival of the film's year: a line-up section, and prizes for films that did not win their section.</summary>
internal sealed record DemoFestival(
    string Key,
    int FirstYear,
    double Base,
    double Slope,
    double WinBase,
    IReadOnlyList<DemoCategory> LineUp,
    IReadOnlyList<DemoCategory> Prizes,
    double UsBias = -0.5,
    double FrenchBias = 0);

/// <summary>A critics' group that names one best film a year.</summary>
internal sealed record DemoCriticsAward(string Key, int FirstEventYear);

/// <summary>An IMDb genre; <see cref="Weight"/> is its share of films in the real bundle.</summary>
internal sealed record DemoGenre(string Name, double Weight, bool WithDocumentary);

/// <summary>A production country with its usual language; <see cref="Weight"/> is its share of films.</summary>
internal sealed record DemoCountry(string Code, string Language, double Weight);

internal sealed record DemoTitleWords(
    IReadOnlyList<string> Adjectives,
    IReadOnlyList<string> Nouns,
    IReadOnlyList<string> Places,
    IReadOnlyList<string> Times);

internal sealed record DemoNames(IReadOnlyList<string> Female, IReadOnlyList<string> Male, IReadOnlyList<string> Family)
{
    /// <summary>Female then male given names, for the people who are not actors or actresses.</summary>
    public IReadOnlyList<string> Given { get; } = [.. Female, .. Male];
}
