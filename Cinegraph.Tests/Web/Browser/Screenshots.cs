namespace Cinegraph.Tests.Web.Browser;

/// <summary>
/// Where the browser tests save their screenshots: <c>TestResults/screenshots/</c> of the repository by default, so a
/// test run leaves the working tree clean; <c>docs/screenshots/</c> when <c>CINEGRAPH_UPDATE_SCREENSHOTS=1</c>, to
/// refresh the README's pictures on purpose.
/// </summary>
internal static class Screenshots
{
    public const string UpdateVariable = "CINEGRAPH_UPDATE_SCREENSHOTS";

    public static string PathFor(string file)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Cinegraph.sln")))
        {
            folder = folder.Parent;
        }

        var root = folder?.FullName ?? Path.GetTempPath();
        var screenshots = Environment.GetEnvironmentVariable(UpdateVariable) == "1"
            ? Path.Combine(root, "docs", "screenshots")
            : Path.Combine(root, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);
        return Path.Combine(screenshots, file);
    }
}
