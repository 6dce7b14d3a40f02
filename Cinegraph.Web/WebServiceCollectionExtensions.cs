using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Web.Api;
using Cinegraph.Web.Auth;
using Cinegraph.Web.Components;
using Cinegraph.Web.Components.Pages.Predictions;
using Cinegraph.Web.Hosting;
using Cinegraph.Web.Startup;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Cinegraph.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>The Prometheus scraping endpoint (administrators, and the networks of <see cref="MetricsOptions.AllowedNetworks"/>).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Path prefixes of non-page endpoints, which answer errors with ProblemDetails instead of a page.</summary>
    private static readonly PathString[] s_apiPrefixes = ["/api", "/health", "/hubs", MetricsPath];

    /// <summary>The standard OpenTelemetry variable naming the OTLP collector traces are sent to; without it none are exported.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Where the app listens when nothing else says so.</summary>
    public const string DefaultUrl = "http://localhost:5000";

    /// <summary>
    /// Registers the Blazor Server UI, MudBlazor, ProblemDetails, health checks and the startup tasks, and listens on
    /// <see cref="DefaultUrl"/> unless configured otherwise.
    /// </summary>
    public static WebApplicationBuilder AddCinegraphWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Set in code, not as "urls" in appsettings.json: appsettings.json would outrank ASPNETCORE_URLS.
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"])
            && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"])
            && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddCinegraphHosting();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<Components.Layout.ThemeState>();
        services.AddPredictionPages();
        services.AddProblemDetails();
        services.AddHealthChecks();
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(JobMetrics.MeterName, CacheMetrics.MeterName, PredictionsPageQuery.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());

        // Traces (requests, EF Core commands, job attempts) are recorded only when an OTLP collector is configured
        // (OTEL_EXPORTER_OTLP_ENDPOINT, the standard variable, also read by the exporter); otherwise no span is made.
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(JobTracing.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter());
        }
        services.AddCinegraphAuth(IsApiRequest);
        services.AddMetricsAccess();
        services.AddCinegraphApi(configuration.GetConnectionString(Core.CoreServiceCollectionExtensions.RedisConnectionStringName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupTasks>());

        // After the startup tasks: hosted services start in order, so migrations run before the worker's first poll.
        services.AddRefreshWorker();
        services.AddStaleRefreshSchedule();
        return builder;
    }

    /// <summary>The request pipeline: friendly pages for page requests, ProblemDetails for the rest.</summary>
    public static WebApplication UseCinegraphWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseCinegraphHosting();
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        // Non-page endpoints answer errors with ProblemDetails, not with the pages above. This has to sit inside
        // them on the main pipeline: a branch loses the route builder that re-executing a page needs.
        app.UseWhen(IsApiRequest, api =>
        {
            api.Use((context, next) =>
            {
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }

                return next(context);
            });
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });

        app.UseCinegraphAuth();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapCinegraphApi();
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsAccess.Policy);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsApiRequest(HttpContext context) =>
        s_apiPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
