using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cinegraph.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The connection string name read from <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Cinegraph";

    /// <summary>The optional Redis connection string (<c>ConnectionStrings:Redis</c>): the cache's backplane and the hub's scale-out.</summary>
    public const string RedisConnectionStringName = "Redis";

    /// <summary>Registers the catalogue, data access, scoring and validation services.</summary>
    public static IHostApplicationBuilder AddCinegraphCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString ??= configuration.GetConnectionString(ConnectionStringName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<DataOptions>()
            .BindConfiguration(DataOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var contentRoot = builder.Environment.ContentRootPath;
        services.TryAddSingleton<IDbContextFactory<CinegraphDbContext>>(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var data = sp.GetRequiredService<IOptions<DataOptions>>().Value;
            return new CinegraphDbContextFactory(database.Provider, ResolveConnectionString(database, data, contentRoot));
        });

        services.TryAddSingleton<DatabaseInitializer>();
        services.TryAddSingleton<DatabaseStorage>();
        services.TryAddSingleton<CatalogImporter>();
        services.TryAddSingleton<CatalogService>();
        services.TryAddSingleton<FeatureSnapshotLoader>();
        services.TryAddSingleton<Scoring.Learned.LearnedModelStore>();
        services.TryAddSingleton<ProfileService>();
        services.TryAddSingleton<IPredictionEvents, InProcessPredictionEvents>();
        services.TryAddSingleton<AdminSessionStore>();
        services.AddPredictionCaching(builder.Configuration.GetConnectionString(RedisConnectionStringName));
        services.AddPredictionsPage();
        services.AddRefreshJobs();
        services.TryAddSingleton<PostgresEventRelay>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresEventRelay>(sp => sp.GetRequiredService<PostgresEventRelay>()));
        return builder;
    }

    /// <summary>The configured connection string, or for SQLite a file in the data folder.</summary>
    public static string ResolveConnectionString(DatabaseOptions database, DataOptions data, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(data);
        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return database.ConnectionString;
        }

        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new OptionsValidationException(
                ConnectionStringName,
                typeof(DatabaseOptions),
                [$"ConnectionStrings:{ConnectionStringName} is required when Database:Provider is {database.Provider}."]);
        }

        var folder = Path.GetFullPath(data.DataFolder, contentRoot);
        Directory.CreateDirectory(folder);
        return CinegraphDbContextFactory.SqliteFile(Path.Combine(folder, "cinegraph.db"));
    }
}
