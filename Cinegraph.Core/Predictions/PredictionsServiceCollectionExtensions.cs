using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cinegraph.Core.Predictions;

public static class PredictionsServiceCollectionExtensions
{
    /// <summary>The pages' read model and commands: the catalogue state in memory and its periodic check, the query, the prerender hand-off.</summary>
    public static IServiceCollection AddPredictionsPage(this IServiceCollection services)
    {
        services.TryAddSingleton<CatalogueState>();
        services.AddHostedService<CatalogueStateMonitor>();
        services.TryAddSingleton<PredictionsPageQuery>();
        services.TryAddSingleton<PrerenderedPages>();
        services.TryAddSingleton<PageCommands>();
        services.TryAddSingleton<FilmFactsQuery>();
        return services;
    }
}
