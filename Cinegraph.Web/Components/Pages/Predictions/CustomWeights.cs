using Cinegraph.Core.Scoring;

namespace Cinegraph.Web.Components.Pages.Predictions;

/// <summary>Weights from the tuner, to be saved as a profile under <paramref name="Name"/>.</summary>
public sealed record CustomWeights(string Name, string Description, CategoryWeights Weights);
