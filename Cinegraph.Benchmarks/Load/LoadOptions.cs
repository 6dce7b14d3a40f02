using System.Globalization;

namespace Cinegraph.Benchmarks.Load;

/// <summary>
/// <c>load [--app DIR] [--bare DIR] [--seconds N] [--rounds N] [--pages N] [--copies N] [--skip-pages] [--skip-large] [--skip-memory] [--keep]</c>:
/// DIR are already-published folders (else both are published into the work folder), N seconds per wrk run, N
/// interleaved rounds (A, B, A, B…), N pages for the memory figure, N× the real catalogue for the scale figure;
/// <c>--skip-pages</c> leaves out the page against the bare page and the API, <c>--keep</c> keeps the work folder (logs, gcdump files).
/// </summary>
public sealed record LoadOptions(
    string? AppFolder, string? BareFolder, int Seconds, int Rounds, int Pages, int Copies, bool SkipLarge, bool SkipMemory)
{
    public bool SkipPages { get; init; }

    public bool Keep { get; init; }

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions(null, null, Seconds: 10, Rounds: 2, Pages: 50, Copies: 15, SkipLarge: false, SkipMemory: false);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
            int Number() => int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--app" => options with { AppFolder = Path.GetFullPath(Value()) },
                "--bare" => options with { BareFolder = Path.GetFullPath(Value()) },
                "--seconds" => options with { Seconds = Number() },
                "--rounds" => options with { Rounds = Number() },
                "--pages" => options with { Pages = Number() },
                "--copies" => options with { Copies = Number() },
                "--skip-large" => options with { SkipLarge = true },
                "--skip-memory" => options with { SkipMemory = true },
                "--skip-pages" => options with { SkipPages = true },
                "--keep" => options with { Keep = true },
                var other => throw new ArgumentException($"Unknown option {other}; see Cinegraph.Benchmarks/Load/LoadOptions.cs"),
            };
        }

        return options;
    }
}
