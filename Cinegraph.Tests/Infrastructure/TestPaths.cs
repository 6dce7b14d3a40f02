namespace Cinegraph.Tests.Infrastructure;

/// <summary>Where the repository and the real data bundle are, wherever the tests run from.</summary>
public static class TestPaths
{
    /// <summary>Environment variable that points at a bundle folder elsewhere than <c>../shared/data/bundle</c>.</summary>
    public const string BundleVariable = "CINEGRAPH_BUNDLE";

    private static readonly Lazy<string> RepoRootPath = new(FindRepoRoot);

    /// <summary>The folder that holds <c>Cinegraph.sln</c>.</summary>
    public static string RepoRoot => RepoRootPath.Value;

    /// <summary>
    /// The real data bundle: <c>$CINEGRAPH_BUNDLE</c>, else <c>&lt;repo root&gt;/../shared/data/bundle</c>. The
    /// repository never contains it; a test that needs it fails with a message saying where it was looked for.
    /// </summary>
    public static string Bundle
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(BundleVariable);
            var folder = string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "bundle"))
                : Path.GetFullPath(fromEnvironment);
            if (!File.Exists(Path.Combine(folder, "movies.csv")))
            {
                throw new InvalidOperationException(
                    $"The data bundle was not found at {folder} (no movies.csv there). Put the shared folder beside the " +
                    $"repository (../shared/data/bundle) or set {BundleVariable} to a bundle folder.");
            }

            return folder;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cinegraph.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Cinegraph.sln found in {AppContext.BaseDirectory} or any folder above it.");
    }
}
