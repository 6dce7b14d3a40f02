namespace Cinegraph.Core.Catalog;

/// <summary>A bundle file that is missing or malformed; the message reads <c>file:line: what is wrong</c>.</summary>
public sealed class BundleFormatException(string file, int line, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
