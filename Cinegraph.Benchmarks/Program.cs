using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Scoring;

namespace Cinegraph.Benchmarks;

// A named entry point, not top-level statements: this project references Cinegraph.Web (whose Program the tests use),
// and two global Program types would clash in the tests, which reference both.
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // `-- peak-demo <films>`: one generation in this process, with its wall time and the process's peak working set
        // (BenchmarkDotNet measures time and allocations, not the peak). Anything else goes to BenchmarkDotNet.
        if (args is ["peak-demo", var size])
        {
            var films = int.Parse(size, NumberStyles.None, CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            var data = DemoCatalogue.Generate(films);
            watch.Stop();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"DemoCatalogue.Generate({films}): {watch.Elapsed.TotalSeconds:F2} s, peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB, " +
                $"allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB; {data.Movies.Count} films, {data.Awards.Count} awards, " +
                $"{data.Memberships.Count} memberships, {data.Credits.Count} credits"));
            return 0;
        }

        // `-- peak-score <films>`: generate, build the snapshot, then score one decade with a new predictor; prints the
        // scoring time and the process's peak working set (everything, generation included).
        if (args is ["peak-score", var scoreSize])
        {
            var films = int.Parse(scoreSize, NumberStyles.None, CultureInfo.InvariantCulture);
            var snapshot = FeatureSnapshotLoader.FromBundle(DemoCatalogue.Generate(films));
            var watch = Stopwatch.StartNew();
            var prediction = new MoviePredictor(snapshot).PredictDecade(2010, ScoringProfile.From(SystemProfiles.Create()[0]));
            watch.Stop();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Score the 2010s of {films} films: {watch.Elapsed.TotalSeconds:F2} s ({prediction.TotalCandidates} candidates), " +
                $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB"));
            return 0;
        }

        // `-- learned-refresh <copies> [rounds]`: Balanced and Learned (fit included) refresh calculations side by side (issue 10).
        if (args is ["learned-refresh", var copiesText, .. var rest])
        {
            var rounds = rest.Length > 0 ? int.Parse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture) : 3;
            return LearnedRefreshMeasure.Run(int.Parse(copiesText, NumberStyles.None, CultureInfo.InvariantCulture), rounds);
        }

        // `-- scaled-bundle <copies> <folder>`: writes the real bundle <copies>× over (Load/ScaledBundle.cs) into <folder>,
        // for measuring the app on a larger catalogue (Jobs/estimate-accuracy.sh).
        if (args is ["scaled-bundle", var copiesArg, var target])
        {
            Cinegraph.Benchmarks.Load.ScaledBundle.Write(BenchmarkPaths.BundleFolder(), target, int.Parse(copiesArg, NumberStyles.None, CultureInfo.InvariantCulture));
            return 0;
        }

        // `-- learned-refresh-e2e <copies> [rounds]`: the same as the app runs it, queued → completed, on SQLite (issue 10).
        if (args is ["learned-refresh-e2e", var e2eCopies, .. var e2eRest])
        {
            var rounds = e2eRest.Length > 0 ? int.Parse(e2eRest[0], NumberStyles.None, CultureInfo.InvariantCulture) : 3;
            return await LearnedRefreshEndToEnd.RunAsync(int.Parse(e2eCopies, NumberStyles.None, CultureInfo.InvariantCulture), rounds);
        }

        // `-- learned-trees [trees:depth:rate:minleaf[:penalty[:bins]]] …`: boosted trees held out as the report holds out the learned profile (issue 10).
        if (args is ["learned-trees", .. var treeSettings])
        {
            return TreesHarness.Run(treeSettings);
        }

        // `-- load [options]`: the page-load benchmark of issue 8 (Load/LoadCommand.cs; wrk, published app and bare page).
        if (args is ["load", ..])
        {
            return await Cinegraph.Benchmarks.Load.LoadCommand.RunAsync(args[1..], CancellationToken.None);
        }

        // `-- nodes [options]`: the several-nodes figures of issue 9 (Nodes/NodesCommand.cs; two published apps on PostgreSQL).
        if (args is ["nodes", ..])
        {
            return await Cinegraph.Benchmarks.Nodes.NodesCommand.RunAsync(args[1..], CancellationToken.None);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkPaths).Assembly).Run(args);
        return 0;
    }
}
