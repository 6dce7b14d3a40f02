using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Validation;

/// <summary>
/// How one decade fared: of the <paramref name="OnList"/> films of the decade on the newest 1001 edition, how many are
/// in the top <paramref name="OnList"/> by score (recall@N, N = films on the list).
/// </summary>
public sealed record DecadeValidation(int Decade, int Candidates, int OnList, int Hits)
{
    /// <summary>Hits / N as a percentage; 0 when the decade has no film on the list.</summary>
    public double AccuracyPercent => OnList == 0 ? 0 : 100.0 * Hits / OnList;
}

/// <summary>A profile's per-decade recall over the completed decades, with the current decade apart.</summary>
/// <param name="MicroAccuracy">All hits over all list films of the completed decades, in %.</param>
/// <param name="MacroAccuracy">The plain mean of the completed decades' accuracies, in %.</param>
/// <param name="Provisional">The current decade (2020s): the book has added few of its films yet, so it is shown apart.</param>
public sealed record ProfileValidation(
    string ProfileName,
    CategoryWeights Weights,
    int? NewestEdition,
    IReadOnlyList<DecadeValidation> Decades,
    DecadeValidation Provisional,
    double MicroAccuracy,
    double MacroAccuracy)
{
    /// <summary>
    /// True for a learned profile: every completed decade was ranked by a model fitted without that decade's labels,
    /// so its figures are held out (a weights profile fits nothing; its figures need no holding out).
    /// </summary>
    public bool HeldOut { get; init; }

    /// <summary>Predicted likelihood against the observed share per band, out of sample (<see cref="Validation.Reliability"/>); empty in rows written before it existed.</summary>
    public IReadOnlyList<ReliabilityBand> Reliability { get; init; } = [];
}

/// <summary>One film a later edition added, and where the ranking put it.</summary>
public sealed record BacktestFilm(string ImdbId, string Title, int Year, int AddedInEdition, int Rank, bool Hit);

/// <summary>One later edition against the edition before it.</summary>
public sealed record EditionStep(int Edition, int PreviousEdition, int Candidates, int Added, int Hits)
{
    public double RecallPercent => Added == 0 ? 0 : 100.0 * Hits / Added;
}

/// <summary>
/// From the base edition, rank every film not on it; of the films later editions added (K of them), how many are in
/// the top K.
/// </summary>
public sealed record EditionBacktest(
    string ProfileName,
    int BaseEdition,
    IReadOnlyList<int> LaterEditions,
    int Candidates,
    int Added,
    int Hits,
    IReadOnlyList<BacktestFilm> AddedFilms,
    IReadOnlyList<EditionStep> Steps)
{
    /// <summary>True for a learned profile: each step is ranked by a model fitted on the edition it starts from.</summary>
    public bool HeldOut { get; init; }

    public double RecallPercent => Added == 0 ? 0 : 100.0 * Hits / Added;
}

/// <summary>One profile's row of the comparison.</summary>
/// <param name="StandardDeviation">Population standard deviation of the completed decades' accuracies.</param>
public sealed record ProfileComparisonRow(
    string ProfileName,
    string Description,
    IReadOnlyDictionary<int, double> DecadeAccuracies,
    double ProvisionalAccuracy,
    double MicroAccuracy,
    double MacroAccuracy,
    double StandardDeviation,
    string Strength)
{
    /// <summary>The figures are held out (a learned profile; see <see cref="ProfileValidation.HeldOut"/>).</summary>
    public bool HeldOut { get; init; }
}

/// <summary>All active profiles side by side.</summary>
public sealed record ProfileComparisonResult(
    IReadOnlyList<ProfileComparisonRow> Profiles,
    string? BestOverall,
    IReadOnlyDictionary<int, string> BestPerDecade,
    string? MostConsistent);
