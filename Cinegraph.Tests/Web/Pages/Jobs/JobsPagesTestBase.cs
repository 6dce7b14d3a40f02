using Bunit;
using Bunit.TestDoubles;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Jobs;
using Cinegraph.Tests.Web.Pages.Predictions;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Tests.Web.Pages.Jobs;

/// <summary>The jobs pages over the real Core services and a temp SQLite catalogue (<see cref="PageTestHost"/>); no worker runs.</summary>
public abstract class JobsPagesTestBase : BunitContext
{
    protected static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly BunitAuthorizationContext _auth;

    protected JobsPagesTestBase()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        _auth = AddAuthorization();
    }

    private protected BunitAuthorizationContext Auth => _auth;

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The host with its services registered; <paramref name="services"/> may replace some before anything renders.</summary>
    private protected async Task<PageTestHost> StartAsync(bool admin = true, Action<PageTestHost, IServiceCollection>? services = null)
    {
        var host = await PageTestHost.CreateAsync(films: 300);
        host.Register(Services);
        services?.Invoke(host, Services);
        if (admin)
        {
            _auth.SetAuthorized("admin");
            _auth.SetRoles("Admin");
        }

        Render<MudPopoverProvider>();
        return host;
    }

    private protected static Task<RefreshJob> InsertAsync(PageTestHost host, string state, Action<RefreshJob>? configure = null) =>
        JobRows.InsertAsync(host.Factory, state, At, configure);
}
