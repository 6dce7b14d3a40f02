using Cinegraph.Core;
using Cinegraph.Web;
using Cinegraph.Web.Cli;

// A first argument that is not an option is a command (e.g. `import <bundle-dir>`); otherwise the web app runs.
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCinegraphCore();
builder.AddCinegraphWeb();

var app = builder.Build();
app.UseCinegraphWeb();

await app.RunAsync();
return 0;
