using Microsoft.Extensions.DependencyInjection;
using Cinegraph.Core;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Cinegraph.Tests.Jobs;

/// <summary>The Core services and the refresh worker as the app wires them, over a test database (not started).</summary>
internal static class CoreHost
{
    /// <summary>The host; <paramref name="node"/> names its worker (hosts sharing a database need different names); <paramref name="configure"/> adds or replaces services.</summary>
    public static IHost Build(DatabaseProvider provider, string connectionString, string? node = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Cinegraph"] = connectionString,
            ["Jobs:PollInterval"] = "00:00:01",
        });
        if (node is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Node"] = node });
        }

        builder.AddCinegraphCore();
        builder.Services.AddRefreshWorker();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
