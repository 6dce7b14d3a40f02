namespace Cinegraph.Tests.Catalog;

/// <summary>Puts bytes that are not UTF-8 into a written bundle file.</summary>
internal static class InvalidUtf8
{
    /// <summary>A lone continuation byte, a truncated 3-byte sequence and an overlong encoding of '/'.</summary>
    private static readonly byte[] Bad = [0x80, 0xE2, 0x82, 0x20, 0xC0, 0xAF];

    /// <summary>Inserts <see cref="Bad"/> just before the line feed that ends line <paramref name="line"/> (1 = header).</summary>
    public static void Inject(string path, int line)
    {
        var bytes = File.ReadAllBytes(path).ToList();
        var index = -1;
        for (var i = 0; i < line; i++)
        {
            index = bytes.IndexOf((byte)'\n', index + 1);
        }

        bytes.InsertRange(index, Bad);
        File.WriteAllBytes(path, [.. bytes]);
    }
}
