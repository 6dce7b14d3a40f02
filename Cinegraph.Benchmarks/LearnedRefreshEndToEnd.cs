using System.Diagnostics;
using System.Globalization;
using Cinegraph.Benchmarks.Load;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cinegraph.Benchmarks;

/// <summary>
/// <c>-- learned-refresh-e2e &lt;copies&gt; [rounds]</c> (issue 10): refreshes as the app runs them, end to end (queued →
/// the worker claims the job → snapshot from SQLite, the learned fit, 11 decades, validation, comparison written →
/// <see cref="RefreshCompleted"/>), over the real bundle imported <c>copies</c>× (<see cref="ScaledBundle"/>). Each round
/// deletes the stored fit, refreshes Learned (so it fits again) and then Balanced (which reads that fit for the
/// comparison), side by side in one process.
/// </summary>
internal static class LearnedRefreshEndToEnd
{
    public static async Task<int> RunAsync(int copies, int rounds)
    {
        var folder = BenchmarkPaths.BundleFolder();
        string? scaled = null;
        if (copies > 1)
        {
            scaled = Directory.CreateTempSubdirectory("cinegraph-learned-e2e-").FullName;
            ScaledBundle.Write(folder, scaled, copies);
            folder = scaled;
        }

        try
        {
            var watch = Stopwatch.StartNew();
            using var catalogue = BenchmarkCatalogue.Create(withWorker: true, folder);
            var services = catalogue.Services;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {copies}x bundle in {watch.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores"));
            var manager = services.GetRequiredService<RefreshManager>();
            var events = services.GetRequiredService<IPredictionEvents>();
            var dbFactory = services.GetRequiredService<IDbContextFactory<CinegraphDbContext>>();
            var profiles = SystemProfiles.Create();
            var learnedId = profiles.Single(p => p.Kind == ProfileKinds.Learned).Id;
            var balancedId = profiles.Single(p => p.Name == SystemProfiles.BalancedName).Id;
            var learnedTimes = new List<double>();
            var balancedTimes = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                await using (var db = await dbFactory.CreateDbContextAsync())
                {
                    await db.FittedModels.ExecuteDeleteAsync();
                }

                watch.Restart();
                await RefreshWaiter.RefreshAsync(manager, events, [learnedId]);
                learnedTimes.Add(watch.Elapsed.TotalSeconds);
                double fitSeconds;
                await using (var db = await dbFactory.CreateDbContextAsync())
                {
                    fitSeconds = (await db.FittedModels.SingleAsync()).DurationMs / 1000;
                }

                watch.Restart();
                await RefreshWaiter.RefreshAsync(manager, events, [balancedId]);
                balancedTimes.Add(watch.Elapsed.TotalSeconds);
                Console.WriteLine($"  steps: Learned {await StepsAsync(dbFactory, learnedId)}; Balanced {await StepsAsync(dbFactory, balancedId)}");
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"round {round + 1}: Learned {learnedTimes[^1]:F2} s (fit stored after {fitSeconds:F2} s), Balanced {balancedTimes[^1]:F2} s, ratio {learnedTimes[^1] / balancedTimes[^1]:F2}"));
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"median: Learned {LearnedRefreshMeasure.Median(learnedTimes):F2} s, Balanced {LearnedRefreshMeasure.Median(balancedTimes):F2} s, ratio {LearnedRefreshMeasure.Median(learnedTimes) / LearnedRefreshMeasure.Median(balancedTimes):F2}"));
            return 0;
        }
        finally
        {
            if (scaled is not null)
            {
                Directory.Delete(scaled, recursive: true);
            }
        }
    }

    // The newest completed job's steps of a profile, in seconds, as the job ledger recorded them.
    private static async Task<string> StepsAsync(IDbContextFactory<CinegraphDbContext> dbFactory, int profileId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var job = (await db.RefreshJobs.AsNoTracking().Where(j => j.ProfileId == profileId && j.State == JobStates.Completed).ToListAsync())
            .OrderByDescending(j => j.Id).First();
        return string.Join(", ", job.Attempts[^1].Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Seconds:F2}")));
    }
}
