using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Catalog;

internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Imported {Source}: data version {DataVersion}, {Movies} films")]
    public static partial void Imported(ILogger logger, string source, int dataVersion, int movies);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Import of {Source} changed nothing: data version stays {DataVersion}")]
    public static partial void ImportUnchanged(ILogger logger, string source, int dataVersion);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Catalogue is empty: importing the bundle at {BundlePath}")]
    public static partial void SeedingFromBundle(ILogger logger, string bundlePath);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Import of {Source} is another catalogue ({FilmsRemoved} films removed, or demo and bundle switched): cleared {Rows} cached results; refresh all profiles")]
    public static partial void CatalogueReplaced(ILogger logger, string source, int filmsRemoved, int rows);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Catalogue is empty and no bundle is configured: starting on the generated demo catalogue")]
    public static partial void SeedingDemo(ILogger logger);
}
