namespace Cinegraph.Benchmarks;

/// <summary>Where the benchmarks find the repository and the real bundle.</summary>
public static class BenchmarkPaths
{
    public const string BundleVariable = "CINEGRAPH_BUNDLE";

    /// <summary>The folder that holds <c>Cinegraph.sln</c>, searched upwards from the binaries and the working directory.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Cinegraph.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cinegraph.sln not found above the benchmark binaries or the working directory.");
    }

    /// <summary>The bundle folder: <c>CINEGRAPH_BUNDLE</c> when set, else <c>&lt;repo&gt;/../shared/data/bundle</c>.</summary>
    public static string BundleFolder()
    {
        var folder = Environment.GetEnvironmentVariable(BundleVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "..", "shared", "data", "bundle");
        folder = Path.GetFullPath(folder);
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"No bundle at {folder}; set {BundleVariable} to the bundle folder.");
    }
}
