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

    public static ProfileComparisonResult Compare(HistoricalValidator validator, IReadOnlyList<(ScoringProfile Profile, string Description)> profiles)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(profiles);
        return Compare([.. profiles.Select(p => (validator.Validate(p.Profile), p.Description))]);
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
