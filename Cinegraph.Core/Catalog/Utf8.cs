using System.Text;

namespace Cinegraph.Core.Catalog;

/// <summary>Strict UTF-8 for bundle files: an invalid byte is an error, never a replacement character.</summary>
internal static class Utf8
{
    /// <summary>UTF-8 that throws <see cref="DecoderFallbackException"/> on invalid bytes.</summary>
    public static UTF8Encoding Strict { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The 1-based line of the first invalid UTF-8 byte in the file (0 when every byte is valid). A line feed byte never
    /// occurs inside a multi-byte sequence, so each line is checked on its own.
    /// </summary>
    public static int FirstInvalidLine(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = 0;
        for (var line = 1; start <= bytes.Length; line++)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var length = (end < 0 ? bytes.Length : end) - start;
            try
            {
                Strict.GetCharCount(bytes, start, length);
            }
            catch (DecoderFallbackException)
            {
                return line;
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return 0;
    }
}
