using Microsoft.Extensions.Logging;

namespace Cinegraph.Core.Caching;

internal static partial class CachingLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Reading cache entry {Key} failed and no earlier value could be served")]
    public static partial void ReadFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Cached {Key} ({Entries} entries) for job {JobId}")]
    public static partial void RowWritten(ILogger logger, string key, int entries, long? jobId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Cleared {Rows} cache rows of profile {ProfileId}")]
    public static partial void ClearedProfile(ILogger logger, int rows, int profileId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Cache row {Key} (calculated {CalculatedAt}) is damaged and is treated as missing until a refresh rewrites it: {Problem}")]
    public static partial void DamagedRow(ILogger logger, string key, DateTimeOffset calculatedAt, string problem);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Cleared all {Rows} cache rows")]
    public static partial void ClearedAll(ILogger logger, int rows);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Cache row {Key} was written by algorithm {Written}, newer than this node's {Own}: kept, not overwritten")]
    public static partial void NewerRowKept(ILogger logger, string key, string written, string own);
}
