using Cinegraph.Benchmarks.BarePage.Components;
using MudBlazor.Services;

// The bare reference page of the load benchmark: the same framework stack as the app (Blazor Server, MudBlazor),
// no database, no layout, no theme provider. `dotnet Cinegraph.Benchmarks.BarePage.dll --urls http://127.0.0.1:PORT`.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
