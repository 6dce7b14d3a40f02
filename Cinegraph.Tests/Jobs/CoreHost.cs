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
    public static IHost Build(DatabaseProvider provider, string connectionString, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Cinegraph"] = connectionString,
            ["Jobs:PollInterval"] = "00:00:01",
        });
        builder.AddCinegraphCore();
        builder.Services.AddRefreshWorker();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
