using System.Globalization;

namespace Cinegraph.Benchmarks.Load;

/// <summary>
/// Writes a catalogue <c>copies</c>× the real one (issue 8): every real film once as it is, plus <c>copies − 1</c>
/// copies under new ids (<c>tt9</c> + copy number (2 digits) + film number (5 digits): 8 digits starting with 9, which no
/// real id of the bundle has), each with the film's ratings, awards and Oscar credits but no list places. The list
/// definitions, list places and edition changes stay those of the real films.
/// </summary>
public static class ScaledBundle
{
    private const string Movies = "movies.csv";
    private const string Awards = "awards.csv";
    private const string OscarPeople = "oscar_people.csv";

    public static void Write(string source, string target, int copies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(copies, 99);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name is not (Movies or Awards or OscarPeople))
            {
                File.Copy(file, Path.Combine(target, name), overwrite: true);
            }
        }

        var movies = File.ReadAllLines(Path.Combine(source, Movies));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in movies.Skip(1))
        {
            var id = IdOf(line);
            if (id.Length == 10 && id[2] == '9')
            {
                throw new InvalidOperationException($"The real film {id} is in the range of the copies' ids.");
            }

            index.Add(id, index.Count);
        }

        if (index.Count >= 100_000)
        {
            throw new InvalidOperationException($"{index.Count} films do not fit the copies' 5-digit film numbers.");
        }

        foreach (var file in new[] { Movies, Awards, OscarPeople })
        {
            var lines = file == Movies ? movies : File.ReadAllLines(Path.Combine(source, file));
            using var writer = new StreamWriter(Path.Combine(target, file));
            foreach (var line in lines)
            {
                writer.WriteLine(line);
            }

            for (var copy = 1; copy < copies; copy++)
            {
                foreach (var line in lines.Skip(1))
                {
                    var id = IdOf(line);
                    writer.WriteLine(CopyId(copy, index[id]) + line[id.Length..]);
                }
            }
        }
    }

    /// <summary>The id of film number <paramref name="film"/> (0-based, in movies.csv order) in copy <paramref name="copy"/> (1-based).</summary>
    public static string CopyId(int copy, int film) => string.Create(CultureInfo.InvariantCulture, $"tt9{copy:D2}{film:D5}");

    // The id is the first column of every copied file and never quoted.
    private static string IdOf(string line) => line[..line.IndexOf(',', StringComparison.Ordinal)];
}
