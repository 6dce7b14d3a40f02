using Cinegraph.Core.Data;

namespace Cinegraph.Web;

/// <summary>Log messages of the web host; EventIds 8000–8099.</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Applying pending migrations ({Provider})")]
    public static partial void Migrating(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Catalogue ready: data version {DataVersion}, {Movies} films, demo {IsDemo}")]
    public static partial void CatalogueReady(ILogger logger, int dataVersion, int movies, bool isDemo);
}
