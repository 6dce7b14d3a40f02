using System.Globalization;

namespace Cinegraph.Benchmarks.BarePage.Components;

/// <summary>One in-memory row of the bare page: what a predictions row shows, without any of its logic.</summary>
public sealed record BareRow(string Title, string Link, double Likelihood, string Status)
{
    public static BareRow Create(int rank) => new(
        string.Create(CultureInfo.InvariantCulture, $"Film number {rank}"),
        string.Create(CultureInfo.InvariantCulture, $"https://www.imdb.com/title/tt{9000000 + rank}/"),
        100 - (rank * 0.9),
        rank <= 10 ? "Likely" : "Possible");
}
