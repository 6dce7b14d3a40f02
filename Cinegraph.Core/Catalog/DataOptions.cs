namespace Cinegraph.Core.Catalog;

/// <summary>Where the catalogue's data comes from. Bound from the <c>Data</c> section.</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>
    /// A bundle folder to import at start when the catalogue is empty (env <c>Data__BundlePath</c>). Default: none,
    /// in which case an empty catalogue starts on the generated demo catalogue.
    /// </summary>
    public string? BundlePath { get; set; }

    /// <summary>Folder for the embedded SQLite file; default <c>App_Data</c> under the content root.</summary>
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>Fill an empty catalogue at start (bundle or demo); default true.</summary>
    public bool SeedOnStart { get; set; } = true;
}
