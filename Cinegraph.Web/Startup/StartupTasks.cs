using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Microsoft.Extensions.Options;

namespace Cinegraph.Web.Startup;

/// <summary>
/// Brings the database up to date before the app serves anything: refuses to start when an initialised SQLite file
/// vanished (see <see cref="DatabaseStorage"/>), applies pending migrations, records the database's instance, then fills
/// an empty catalogue (the configured bundle, else the demo catalogue). Hosted services start before Kestrel listens, so no
/// page is served against an unmigrated database.
/// </summary>
internal sealed class StartupTasks(
    DatabaseInitializer initializer,
    DatabaseStorage storage,
    CatalogService catalog,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<DataOptions> dataOptions,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // An initialised SQLite file that vanished stops the start: never a new demo catalogue over lost data.
        storage.EnsureNotVanished();
        if (databaseOptions.Value.MigrateOnStart)
        {
            WebLog.Migrating(logger, databaseOptions.Value.Provider);
            await initializer.MigrateAsync(cancellationToken);
        }

        await storage.InitializeAsync(cancellationToken);

        if (dataOptions.Value.SeedOnStart)
        {
            await catalog.EnsureSeededAsync(cancellationToken);
        }

        var summary = await catalog.GetSummaryAsync(cancellationToken);
        WebLog.CatalogueReady(logger, summary.DataVersion, summary.Movies, summary.IsDemo);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
