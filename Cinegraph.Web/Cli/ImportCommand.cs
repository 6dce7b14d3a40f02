using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;

namespace Cinegraph.Web.Cli;

/// <summary><c>import &lt;bundle-dir&gt;</c>: migrates the database, then imports the bundle with progress per file.</summary>
internal sealed class ImportCommand : ICliCommand
{
    public string Name => "import";

    /// <summary>Lets an import remove more than 10 % of the films or every row of a file.</summary>
    public const string AllowShrinkFlag = "--allow-shrink";

    public IReadOnlyList<string> Arguments { get; } = ["<bundle-dir>"];

    public IReadOnlyList<string> Flags { get; } = [AllowShrinkFlag];

    public string Description => $"Import a data bundle into the catalogue (migrates the database first); {AllowShrinkFlag} lets it remove more than 10 % of the films or all of a file's rows.";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        var folder = arguments[0];
        var allowShrink = context.Flags.Contains(AllowShrinkFlag);
        try
        {
            await context.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            var importer = context.Services.GetRequiredService<CatalogImporter>();
            var result = await importer.ImportBundleAsync(folder, allowShrink, new ConsoleProgress(context.Output), cancellationToken);
            await context.Output.WriteLineAsync(result.Changed
                ? $"imported {folder}: data version {result.DataVersion}"
                : $"unchanged (data version {result.DataVersion})");
            return CommandLine.ExitSuccess;
        }
        catch (BundleFormatException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return CommandLine.ExitFailure;
        }
        catch (CatalogShrinkException ex)
        {
            await context.Error.WriteLineAsync($"error: refused, {ex.Message}. Nothing was imported; give {AllowShrinkFlag} to import it anyway.");
            return CommandLine.ExitFailure;
        }
    }

    /// <summary>
    /// Writes each report as it happens. <see cref="Progress{T}"/> would post to the thread pool and could print lines
    /// out of order or after the command has finished.
    /// </summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine($"  {value}");
    }
}
