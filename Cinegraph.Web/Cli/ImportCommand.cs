using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;

namespace Cinegraph.Web.Cli;

/// <summary><c>import &lt;bundle-dir&gt;</c>: migrates the database, then imports the bundle with progress per file.</summary>
internal sealed class ImportCommand : ICliCommand
{
    public string Name => "import";

    public IReadOnlyList<string> Arguments { get; } = ["<bundle-dir>"];

    public string Description => "Import a data bundle into the catalogue (migrates the database first).";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        var folder = arguments[0];
        try
        {
            await context.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            var importer = context.Services.GetRequiredService<CatalogImporter>();
            var result = await importer.ImportBundleAsync(folder, new ConsoleProgress(context.Output), cancellationToken);
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
