using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Cinegraph.Web.Hosting;

/// <summary>
/// The reverse proxies (e.g. a TLS terminator) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed,
/// from the <c>Proxy</c> section. With none configured the headers are ignored (anyone could send them). With them, the
/// client address (login throttling, rate limits, logs) and the scheme (Secure cookies, the same-origin check) are the
/// ones the proxy saw.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "Proxy";

    /// <summary>IP addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxy hops are unwound; default 1.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>True when any proxy or network is configured.</summary>
    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Proxy:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Proxy:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/24).", [nameof(KnownNetworks)]);
        }
    }
}
