using System.Text;
using Cinegraph.Core.Catalog;

namespace Cinegraph.Tests.Catalog;

/// <summary>
/// A small, valid bundle in a temp folder that a test can change line by line (line 1 is the header, as in the
/// error messages) and write again. The folder is deleted on dispose.
/// </summary>
public sealed class SmallBundle : IDisposable
{
    private readonly Dictionary<string, List<string>> _files = new(StringComparer.Ordinal)
    {
        [BundleReader.MoviesFile] =
        [
            "imdb_id,title,year,runtime_minutes,genres,countries,original_language,imdb_rating,imdb_votes,letterboxd_popularity_rank",
            "tt0000001,\"Alpha, the First\",1950,90,Drama|Romance,FR,fr,7.5,12000,10",
            "tt0000002,Beta,1960,,Comedy,,,6.1,800,",
            "tt0000003,Gamma,1970,120,,,,,,",
            "tt0000004,\"Delta \"\"Quoted\"\"\",1980,100,Drama|War,US|GB,en,8.2,250000,3",
        ],
        [BundleReader.AwardsFile] =
        [
            "imdb_id,event,event_year,award,category,won",
            "tt0000001,oscars,1951,Academy Award,Best Picture,1",
            "tt0000001,cannes,1950,palme d'or,competition,0",
            "tt0000002,golden_globes,1961,golden globe,\"best motion picture, comedy\",0",
            "tt0000004,bafta,1981,film,best film,",
        ],
        [BundleReader.ListDefinitionsFile] =
        [
            "list_key,name,kind,description,source",
            "1001_movies,1001 Movies You Must See Before You Die,target,The book,data/raw/book.js",
            "criterion,Criterion Collection,registry,,data/raw/a.json|data/raw/b.json",
            "afi_100_2007,AFI 100 (2007),canon,\"America's best, by the AFI\",",
        ],
        [BundleReader.ListsFile] =
        [
            "list_key,imdb_id,edition,rank",
            "1001_movies,tt0000001,2018,1",
            "1001_movies,tt0000001,2024,",
            "criterion,tt0000003,,",
            "afi_100_2007,tt0000004,,7",
        ],
        [BundleReader.OscarPeopleFile] =
        [
            "imdb_id,person_id,person_name,class,category,event_year,won",
            "tt0000001,nm0000001,Ann Director,Directing,Directing,1951,1",
            "tt0000001,nm0000002,,Acting,Actor in a Leading Role,1951,0",
        ],
    };

    public SmallBundle()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"cg_bundle_{Guid.NewGuid():N}");
        Write();
    }

    /// <summary>The folder the bundle is written to.</summary>
    public string Folder { get; }

    public const int Movies = 4;
    public const int Awards = 4;
    public const int Lists = 3;
    public const int Memberships = 4;
    public const int Credits = 2;

    /// <summary>Replaces line <paramref name="line"/> (1 = header) of <paramref name="file"/>.</summary>
    public SmallBundle Set(string file, int line, string text)
    {
        _files[file][line - 1] = text;
        return this;
    }

    /// <summary>Removes line <paramref name="line"/> (1 = header) of <paramref name="file"/>.</summary>
    public SmallBundle RemoveLine(string file, int line)
    {
        _files[file].RemoveAt(line - 1);
        return this;
    }

    public SmallBundle Append(string file, string text)
    {
        _files[file].Add(text);
        return this;
    }

    /// <summary>Leaves <paramref name="file"/> out of the bundle.</summary>
    public SmallBundle Without(string file)
    {
        _files.Remove(file);
        return this;
    }

    /// <summary>Writes the current content (UTF-8 without BOM, LF line ends), replacing what the folder held.</summary>
    public string Write()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
        foreach (var (file, lines) in _files)
        {
            File.WriteAllText(Path.Combine(Folder, file), string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        }

        return Folder;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
