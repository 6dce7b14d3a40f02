using Cinegraph.Web.Cli;

namespace Cinegraph.Tests.Web.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task ImportOfMissingFolderExitsOneNamingTheFolder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        var missing = Path.Combine(catalogue.Folder.FullName, "no-such-bundle");

        var (exitCode, output, error) = await RunAsync(["import", missing, Database(catalogue)], ct);

        exitCode.Should().Be(1);
        error.Should().StartWith($"error: {missing}: bundle folder not found")
            .And.NotContain("Exception")
            .And.NotContain("   at ");
        output.Should().NotContain("data version");
    }

    [Fact]
    public async Task ImportOfMalformedRowExitsOneNamingFileAndLine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        var bundle = WriteBundle(catalogue.Folder, movieRows: ["tt0000001,A Film,1950,,,,,,,", "tt0000002,Another,1950,,,,,11.5,,"]);

        var (exitCode, _, error) = await RunAsync(["import", bundle, Database(catalogue)], ct);

        exitCode.Should().Be(1);
        error.Trim().Should().StartWith("error: movies.csv:3: ").And.Contain("imdb_rating");
    }

    [Fact]
    public async Task ImportPrintsProgressPerFileAndTheDataVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        var bundle = WriteBundle(catalogue.Folder, movieRows: ["tt0000001,A Film,1950,90,Drama,US,en,7.5,1200,"]);

        var first = await RunAsync(["import", bundle, Database(catalogue)], ct);
        var second = await RunAsync(["import", bundle, Database(catalogue)], ct);

        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain("movies.csv: 1 films")
            .And.Contain("awards.csv: 1 award rows")
            .And.Contain("lists.csv: 1 list memberships")
            .And.Contain("data version 1");
        second.ExitCode.Should().Be(0, second.Error);
        second.Output.Should().Contain("unchanged");
        (await catalogue.Service.GetDataVersionAsync(ct)).Should().Be(1);
    }

    [Fact]
    public async Task UnknownCommandExitsTwoWithUsage()
    {
        var (exitCode, _, error) = await RunAsync(["frobnicate"], TestContext.Current.CancellationToken);

        exitCode.Should().Be(2);
        error.Should().Contain("unknown command 'frobnicate'").And.Contain("usage:").And.Contain("import <bundle-dir>");
    }

    [Fact]
    public async Task ImportWithoutFolderExitsTwoWithUsage()
    {
        var (exitCode, _, error) = await RunAsync(["import"], TestContext.Current.CancellationToken);

        exitCode.Should().Be(2);
        error.Should().Contain("usage:");
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5001" }, false)]
    [InlineData(new[] { "import", "x" }, true)]
    public void OnlyAFirstWordThatIsNotAnOptionIsACommand(string[] args, bool isCommand) =>
        CommandLine.IsCommand(args).Should().Be(isCommand);

    [Fact]
    public async Task ImportOfAHeadersOnlyBundleIsRefusedUnlessAllowShrinkIsGiven()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        var bundle = WriteBundle(catalogue.Folder, movieRows: ["tt0000001,A Film,1950,90,Drama,US,en,7.5,1200,"]);
        (await RunAsync(["import", bundle, Database(catalogue)], ct)).ExitCode.Should().Be(0);
        var empty = WriteHeadersOnly(catalogue.Folder);

        var refused = await RunAsync(["import", empty, Database(catalogue)], ct);
        var versionAfterRefusal = await catalogue.Service.GetDataVersionAsync(ct);
        var allowed = await RunAsync(["import", empty, "--allow-shrink", Database(catalogue)], ct);

        refused.ExitCode.Should().Be(1);
        refused.Error.Should().StartWith("error: refused").And.Contain("movies.csv 1 → 0").And.Contain("awards.csv 1 → 0")
            .And.Contain("--allow-shrink").And.NotContain("   at ");
        refused.Output.Should().NotContain("imported");
        versionAfterRefusal.Should().Be(1);
        allowed.ExitCode.Should().Be(0, allowed.Error);
        allowed.Output.Should().Contain("data version 2");
        (await catalogue.Service.GetSummaryAsync(ct)).Movies.Should().Be(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ImportOfInvalidUtf8ExitsOneNamingFileAndLine(int line)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalogue = await TempCatalogue.CreateAsync(ct);
        var bundle = WriteBundle(catalogue.Folder, movieRows: ["tt0000001,A Film,1950,90,Drama,US,en,7.5,1200,"]);
        Catalog.InvalidUtf8.Inject(Path.Combine(bundle, "movies.csv"), line);

        var (exitCode, output, error) = await RunAsync(["import", bundle, Database(catalogue)], ct);

        exitCode.Should().Be(1);
        error.Trim().Should().Be($"error: movies.csv:{line}: not valid UTF-8");
        output.Should().NotContain("data version");
        (await catalogue.Service.GetDataVersionAsync(ct)).Should().Be(0);
    }

    [Fact]
    public async Task UsageNamesTheAllowShrinkSwitch()
    {
        var (exitCode, output, _) = await RunAsync(["help"], TestContext.Current.CancellationToken);

        exitCode.Should().Be(0);
        output.Should().Contain("import <bundle-dir> [--allow-shrink]");
    }

    private static string Database(TempCatalogue catalogue) => $"--ConnectionStrings:Cinegraph={catalogue.ConnectionString}";

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync(args, output, error, cancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string WriteHeadersOnly(DirectoryInfo parent)
    {
        var folder = parent.CreateSubdirectory("headers-only").FullName;
        foreach (var (file, header) in new[]
        {
            ("movies.csv", "imdb_id,title,year,runtime_minutes,genres,countries,original_language,imdb_rating,imdb_votes,letterboxd_popularity_rank"),
            ("awards.csv", "imdb_id,event,event_year,award,category,won"),
            ("list_definitions.csv", "list_key,name,kind,description,source"),
            ("lists.csv", "list_key,imdb_id,edition,rank"),
            ("oscar_people.csv", "imdb_id,person_id,person_name,class,category,event_year,won"),
        })
        {
            File.WriteAllText(Path.Combine(folder, file), header + "\n");
        }

        return folder;
    }

    private static string WriteBundle(DirectoryInfo parent, IEnumerable<string> movieRows)
    {
        var folder = parent.CreateSubdirectory("bundle").FullName;
        Write("movies.csv", "imdb_id,title,year,runtime_minutes,genres,countries,original_language,imdb_rating,imdb_votes,letterboxd_popularity_rank", movieRows);
        Write("awards.csv", "imdb_id,event,event_year,award,category,won", ["tt0000001,oscars,1951,Academy Award,BEST PICTURE,1"]);
        Write("list_definitions.csv", "list_key,name,kind,description,source", ["1001_movies,1001 Movies,target,,"]);
        Write("lists.csv", "list_key,imdb_id,edition,rank", ["1001_movies,tt0000001,2018,1"]);
        Write("oscar_people.csv", "imdb_id,person_id,person_name,class,category,event_year,won", []);
        return folder;

        void Write(string file, string header, IEnumerable<string> rows) =>
            File.WriteAllText(Path.Combine(folder, file), string.Join('\n', [header, .. rows]) + "\n");
    }
}
