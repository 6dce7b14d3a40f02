using System.ComponentModel.DataAnnotations;
using System.Net;
using Cinegraph.Web.Auth;
using Microsoft.Extensions.Options;

namespace Cinegraph.Web.Hosting;

/// <summary>
/// Who may read <c>/metrics</c>, from the <c>Metrics</c> section: administrators always, and any request from one of
/// <see cref="AllowedNetworks"/> without signing in (a Prometheus server cannot sign in). None configured: administrators only.
/// </summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string SectionName = "Metrics";

    /// <summary>Networks in CIDR form (e.g. <c>10.0.0.0/24</c>) whose requests may read the metrics; checked at start.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Whether a request from <paramref name="address"/> (the client address, after a trusted proxy's header) is allowed.</summary>
    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return AllowedNetworks.Any(n => IPNetwork.TryParse(n, out var network) && network.Contains(client));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in AllowedNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Metrics:AllowedNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/24).", [nameof(AllowedNetworks)]);
        }
    }
}

internal static class MetricsAccess
{
    /// <summary>The authorization policy of <c>/metrics</c>: an administrator, or a request from an allowed network.</summary>
    public const string Policy = "Metrics";

    public static IServiceCollection AddMetricsAccess(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAssertion(context =>
            AdminAccount.IsAdmin(context.User)
            || (context.Resource is HttpContext http
                && http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.Allows(http.Connection.RemoteIpAddress))));
        return services;
    }
}
