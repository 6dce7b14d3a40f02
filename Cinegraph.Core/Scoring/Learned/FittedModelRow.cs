namespace Cinegraph.Core.Scoring.Learned;

/// <summary>
/// <c>fitted_models</c>: the learned profile's models fitted for one data version (and fit version), stored so a fit
/// happens once per data version, not per page or per decade.
/// </summary>
public sealed class FittedModelRow
{
    public int Id { get; set; }

    public int DataVersion { get; set; }

    /// <summary><see cref="LearnedModels.FitVersion"/> of the code that fitted it.</summary>
    public required string FitVersion { get; set; }

    /// <summary><see cref="LearnedModels.Version"/>: the hash cached rows record.</summary>
    public required string ModelVersion { get; set; }

    /// <summary>JSON of every model's parameters.</summary>
    public required string Parameters { get; set; }

    public DateTimeOffset FittedAt { get; set; }

    public double DurationMs { get; set; }
}
