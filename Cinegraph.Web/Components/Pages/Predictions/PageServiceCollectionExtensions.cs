using Cinegraph.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cinegraph.Web.Components.Pages.Predictions;

public static class PageServiceCollectionExtensions
{
    /// <summary>The view services of the predictions page and the admin cache panel (one per circuit).</summary>
    public static IServiceCollection AddPredictionPages(this IServiceCollection services)
    {
        services.TryAddScoped<PredictionsViewService>();
        services.TryAddScoped<AdminCacheViewService>();
        services.TryAddScoped<Jobs.JobsViewService>();
        return services;
    }
}
