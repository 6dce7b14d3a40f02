namespace Cinegraph.Core.Caching;

/// <summary>The likelihood bands, defined once: the cached statistics count them and the predictions table colours by them.</summary>
public enum LikelihoodBand
{
    Low,
    Medium,
    High,
}

public static class LikelihoodBands
{
    /// <summary>From this likelihood (percent) up, a film is in the high band.</summary>
    public const double HighFrom = 80;

    /// <summary>From this likelihood (percent) up to <see cref="HighFrom"/>, the medium band; below it, low.</summary>
    public const double MediumFrom = 50;

    public static LikelihoodBand Of(double likelihood) => likelihood switch
    {
        >= HighFrom => LikelihoodBand.High,
        >= MediumFrom => LikelihoodBand.Medium,
        _ => LikelihoodBand.Low,
    };
}
