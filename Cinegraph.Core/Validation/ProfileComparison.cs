using Cinegraph.Core.Scoring;

namespace Cinegraph.Core.Validation;

/// <summary>Validates every given profile and puts them side by side.</summary>
public static class ProfileComparison
{
    /// <summary>Decades up to this one count as "classic" for the strength label.</summary>
    private const int ClassicUpTo = 1960;

    /// <summary>Decades from this one count as "modern".</summary>
    private const int ModernFrom = 1990;

    private const double StrengthMargin = 10;

    /// <summary>
    /// Validates every profile and puts them side by side. The profiles are validated in parallel on the machine's
    /// cores (each validation reads the shared snapshot only; the rows keep the given order, so the result is the same
    /// as one by one). <paramref name="known"/> is a validation already computed for one of the profiles (an equal
    /// <see cref="ScoringProfile"/>: same weights, weights version and models), used instead of computing it again.
    /// </summary>
    public static ProfileComparisonResult Compare(
        HistoricalValidator validator,
        IReadOnlyList<(ScoringProfile Profile, string Description)> profiles,
        (ScoringProfile Profile, ProfileValidation Validation)? known = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(profiles);
        var validations = new ProfileValidation[profiles.Count];
        Parallel.For(0, profiles.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            validations[i] = known is { } k && k.Profile == profiles[i].Profile ? k.Validation : validator.Validate(profiles[i].Profile));
        return Compare([.. profiles.Select((p, i) => (validations[i], p.Description))]);
    }

    /// <summary>Puts validations already computed side by side.</summary>
    public static ProfileComparisonResult Compare(IReadOnlyList<(ProfileValidation Validation, string Description)> validations)
    {
        ArgumentNullException.ThrowIfNull(validations);
        var rows = validations.Select(v => ToRow(v.Validation, v.Description)).ToArray();
        if (rows.Length == 0)
        {
            return new ProfileComparisonResult([], null, new Dictionary<int, string>(), null);
        }

        // Ties go to the profile listed first, so the result does not depend on dictionary order.
        var best = rows.OrderByDescending(r => r.MicroAccuracy).First().ProfileName;
        var consistent = rows.OrderBy(r => r.StandardDeviation).First().ProfileName;
        var bestPerDecade = MoviePredictor.CompletedDecades.ToDictionary(
            d => d,
            d => rows.OrderByDescending(r => r.DecadeAccuracies[d]).First().ProfileName);
        return new ProfileComparisonResult(rows, best, bestPerDecade, consistent);
    }

    private static ProfileComparisonRow ToRow(ProfileValidation validation, string description)
    {
        var accuracies = validation.Decades.ToDictionary(d => d.Decade, d => d.AccuracyPercent);
        var scored = validation.Decades.Where(d => d.OnList > 0).Select(d => d.AccuracyPercent).ToArray();
        var mean = scored.Length == 0 ? 0 : scored.Average();
        var deviation = scored.Length == 0 ? 0 : Math.Sqrt(scored.Average(a => (a - mean) * (a - mean)));
        return new ProfileComparisonRow(
            validation.ProfileName,
            description,
            accuracies,
            validation.Provisional.AccuracyPercent,
            validation.MicroAccuracy,
            validation.MacroAccuracy,
            deviation,
            Strength(validation.Decades))
        {
            HeldOut = validation.HeldOut,
        };
    }

    private static string Strength(IReadOnlyList<DecadeValidation> decades)
    {
        var classic = decades.Where(d => d.Decade <= ClassicUpTo && d.OnList > 0).Select(d => d.AccuracyPercent).DefaultIfEmpty(0).Average();
        var modern = decades.Where(d => d.Decade >= ModernFrom && d.OnList > 0).Select(d => d.AccuracyPercent).DefaultIfEmpty(0).Average();
        return (classic - modern) switch
        {
            > StrengthMargin => "Strong for classic cinema (up to the 1960s)",
            < -StrengthMargin => "Strong for modern cinema (1990s on)",
            _ => "Consistent across eras",
        };
    }
}
