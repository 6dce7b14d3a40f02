using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.JobHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: Cinegraph.Tests.JobHost <Sqlite|Postgres> <connection string> <node> [block-after-decades]
// Runs the refresh worker with fast heartbeats and polls until killed. The job body marks each decade in job_marks (an upsert)
// and, on a first attempt with block-after-decades given, stops after that many decades and waits forever.
if (args.Length is < 3 or > 4)
{
    await Console.Error.WriteLineAsync("usage: Cinegraph.Tests.JobHost <Sqlite|Postgres> <connection string> <node> [block-after-decades]");
    return 2;
}

var provider = Enum.Parse<DatabaseProvider>(args[0]);
var connectionString = args[1];
var node = args[2];
int? blockAfter = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : null;

var builder = Host.CreateApplicationBuilder();
builder.Services.AddSingleton<IDbContextFactory<CinegraphDbContext>>(new CinegraphDbContextFactory(provider, connectionString));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<IPredictionEvents, InProcessPredictionEvents>();
builder.Services.AddSingleton<IRefreshJobHandler>(sp => new MarkingJobHandler(sp.GetRequiredService<IDbContextFactory<CinegraphDbContext>>(), blockAfter));
builder.Services.AddRefreshWorker();
builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ");
builder.Services.Configure<JobOptions>(options =>
{
    options.Node = node;
    options.HeartbeatInterval = TimeSpan.FromMilliseconds(100);

    // Far longer than any stall of a loaded machine, so a live job is never taken for dead: the test ages the killed
    // process's heartbeat itself instead of waiting for it to go stale.
    options.RescueAfter = TimeSpan.FromMinutes(10);
    options.PollInterval = TimeSpan.FromMilliseconds(100);
});

await builder.Build().RunAsync();
return 0;
