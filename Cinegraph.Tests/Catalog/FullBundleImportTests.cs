using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Tests.Catalog;

/// <summary>The real bundle from <c>../shared/data/bundle</c>, imported into SQLite.</summary>
public sealed class FullBundleImportTests
{
    [Fact]
    public async Task ImportsTheRealBundleWithTheRowCountsItsReadmeGives()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, cancellationToken: ct);
        var importer = new CatalogImporter(database.Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance);

        var result = await importer.ImportBundleAsync(TestPaths.Bundle, cancellationToken: ct);

        result.Should().BeEquivalentTo(new { Changed = true, DataVersion = 1 });
        result.Counts.Should().Be(new ImportCounts(Movies: 14259, Awards: 33765, Lists: 11, Memberships: 9641, Credits: 14029));
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        (await db.Movies.CountAsync(ct)).Should().Be(14259);
        (await db.AwardNominations.CountAsync(ct)).Should().Be(33765);
        (await db.ListMemberships.CountAsync(ct)).Should().Be(9641);
        (await db.CanonicalLists.CountAsync(ct)).Should().Be(11);
        (await db.OscarCredits.CountAsync(ct)).Should().Be(14029);
        (await db.ListMemberships.CountAsync(
            m => m.Edition == 2024 && db.CanonicalLists.Any(l => l.Id == m.ListId && l.Key == CanonicalList.TargetKey), ct))
            .Should().Be(998, because: "the README's table gives 998 rows for the 2024 edition");

        var again = await importer.ImportBundleAsync(TestPaths.Bundle, cancellationToken: ct);

        again.Should().BeEquivalentTo(new { Changed = false, DataVersion = 1 });
    }
}
