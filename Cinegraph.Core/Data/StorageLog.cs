using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Data;

/// <summary>Log messages about the database's storage (EventIds 4600–4619).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "SQLite database {Path} is instance {InstanceId}")]
    public static partial void InstanceKnown(ILogger logger, string path, int instanceId);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Warning, Message = "SQLite database {Path} is instance {InstanceId}, not {Expected} as recorded in {Marker}: the file was replaced")]
    public static partial void InstanceReplaced(ILogger logger, string path, int instanceId, int expected, string marker);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Error, Message = "Database {Database} not usable: {Problem}")]
    public static partial void StorageLost(ILogger logger, string database, string problem, Exception? exception);
}
