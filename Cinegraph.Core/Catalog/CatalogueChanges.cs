using Cinegraph.Core.Data;

namespace Cinegraph.Core.Catalog;

/// <summary>
/// Where the current catalogue began. Results computed from an earlier catalogue (the demo, or films since removed)
/// are never shown as predictions; a data version bump on the same films only makes them stale.
/// </summary>
public static class CatalogueChanges
{
    /// <summary>
    /// The data versions whose import began another catalogue: flagged by the importer, or (imports older than the
    /// flag) a switch between the demo catalogue and a bundle. Data versions are consecutive.
    /// </summary>
    public static IQueryable<int> Versions(CinegraphDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.DataImports
            .Where(i => i.CatalogueReplaced || db.DataImports.Any(p => p.DataVersion == i.DataVersion - 1 && p.IsDemo != i.IsDemo))
            .Select(i => i.DataVersion);
    }

    /// <summary>Whether a result computed on <paramref name="dataVersion"/> belongs to an earlier catalogue than today's.</summary>
    public static bool IsFromAnotherCatalogue(int dataVersion, int catalogueSince) => dataVersion < catalogueSince;
}
