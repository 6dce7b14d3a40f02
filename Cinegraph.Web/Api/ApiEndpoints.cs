using Cinegraph.Web.Auth;
using Cinegraph.Web.Hubs;

namespace Cinegraph.Web.Api;

public static class ApiEndpoints
{
    /// <summary>Registers what the JSON API, <c>/health</c> and the predictions hub need (auth is <see cref="AuthServiceCollectionExtensions.AddCinegraphAuth"/>).</summary>
    public static IServiceCollection AddCinegraphApi(this IServiceCollection services, string? redis)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCinegraphHealthChecks();
        services.AddPredictionsHub(redis);
        return services;
    }

    /// <summary>
    /// Maps the JSON API under <c>/api</c> (camelCase JSON, errors as ProblemDetails, a database failure as 503),
    /// <c>/health</c> and the SignalR hub <c>/hubs/predictions</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapCinegraphApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api").AddEndpointFilter<DatabaseUnavailableFilter>();
        api.MapAuthEndpoints();
        api.MapProfileEndpoints();
        api.MapPredictionEndpoints();
        api.MapRefreshEndpoints();
        endpoints.MapCinegraphHealth();
        endpoints.MapPredictionsHub();
        return endpoints;
    }
}
