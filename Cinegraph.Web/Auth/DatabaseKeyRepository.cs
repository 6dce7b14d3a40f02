using System.Xml.Linq;
using Cinegraph.Core.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cinegraph.Web.Auth;

/// <summary>
/// Keeps the data protection key ring in the database (<c>data_protection_keys</c>, the package's
/// <see cref="DataProtectionKey"/> entity), so every node shares it and a cookie issued by one node is accepted by all.
/// It reads through <see cref="IDbContextFactory{TContext}"/> (one context per call), as the rest of the app does,
/// rather than the package's repository, which needs a scoped context in the container.
/// </summary>
internal sealed class DatabaseKeyRepository(IDbContextFactory<CinegraphDbContext> dbFactory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();

        // The framework reads the key ring as the host starts, before the start-up checks and migrations: that read
        // must not create a SQLite file (a vanished database would look new). It is read again at first use.
        if (!db.GetService<IRelationalDatabaseCreator>().Exists())
        {
            throw new InvalidOperationException("The database does not exist yet; the key ring is read once the start has created it.");
        }

        return [.. db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable()
            .Where(xml => !string.IsNullOrEmpty(xml)).Select(xml => XElement.Parse(xml!))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var db = dbFactory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
