using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Web.Integration;

/// <summary>
/// The real app on its own temp SQLite catalogue. The catalogue is migrated and filled with the tiny bundle marked as
/// demo before the host starts, so the app's own start-up (migrate, seed when empty) runs against a ready database and
/// the tests do not depend on the generated demo catalogue.
/// </summary>
internal sealed class CinegraphAppFactory : WebApplicationFactory<Program>
{
    private readonly TempCatalogue _catalogue;

    private CinegraphAppFactory(TempCatalogue catalogue)
    {
        _catalogue = catalogue;
    }

    /// <summary>The service registrations of the built host, for the DI smoke test.</summary>
    public IServiceCollection? Registrations { get; private set; }

    public static async Task<CinegraphAppFactory> CreateAsync(bool demo, CancellationToken cancellationToken)
    {
        var catalogue = await TempCatalogue.CreateAsync(cancellationToken);
        await catalogue.ImportTinyBundleAsync(demo, cancellationToken);
        return new CinegraphAppFactory(catalogue);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, as `dotnet run` is: static web assets (MudBlazor's CSS and JS) are served from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Cinegraph", _catalogue.ConnectionString);
        builder.UseSetting("Data:BundlePath", "");
        builder.ConfigureServices(services => Registrations = services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _catalogue.DisposeAsync();
    }
}
