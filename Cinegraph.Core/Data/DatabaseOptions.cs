using System.ComponentModel.DataAnnotations;

namespace Cinegraph.Core.Data;

/// <summary>Which database the app uses. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>The provider; default <see cref="DatabaseProvider.Sqlite"/>.</summary>
    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string; from <c>ConnectionStrings:Cinegraph</c>. When empty with SQLite, a file
    /// <c>cinegraph.db</c> in the app's data folder is used.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start; default true.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
