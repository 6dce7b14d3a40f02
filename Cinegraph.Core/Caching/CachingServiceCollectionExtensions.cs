using Cinegraph.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;

namespace Cinegraph.Core.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// The prediction cache: L1 (FusionCache, memory only: the database row is the second level), the read path, the
    /// writer and the refresh job's work. With <paramref name="redis"/> (a StackExchange.Redis configuration string),
    /// FusionCache's Redis backplane tells every node of each removal, tag removal and clear, so they drop their L1 copy.
    /// </summary>
    public static IServiceCollection AddPredictionCaching(this IServiceCollection services, string? redis = null)
    {
        services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var fusion = services.AddFusionCache();
        if (!string.IsNullOrWhiteSpace(redis))
        {
            fusion.WithBackplane(new RedisBackplane(new RedisBackplaneOptions { Configuration = redis }));
        }

        services.TryAddSingleton<CacheRowVerdicts>();
        services.TryAddSingleton<PredictionsCache>();
        services.TryAddSingleton<PredictionCacheWriter>();
        services.TryAddSingleton<CacheStatusReader>();
        services.TryAddSingleton<IRefreshJobHandler, RefreshCalculation>();
        return services;
    }
}
