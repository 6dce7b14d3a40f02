using Cinegraph.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cinegraph.Core.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>The prediction cache: L1 (FusionCache, memory only: the database row is the second level), the read path, the writer and the refresh job's work.</summary>
    public static IServiceCollection AddPredictionCaching(this IServiceCollection services)
    {
        services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddFusionCache();
        services.TryAddSingleton<CacheRowVerdicts>();
        services.TryAddSingleton<PredictionsCache>();
        services.TryAddSingleton<PredictionCacheWriter>();
        services.TryAddSingleton<CacheStatusReader>();
        services.TryAddSingleton<IRefreshJobHandler, RefreshCalculation>();
        return services;
    }
}
