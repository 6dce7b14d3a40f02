using System.Text;

namespace Cinegraph.Core.Catalog;

/// <summary>
/// A minimal RFC 4180 reader: comma separated, fields in double quotes may hold commas, quotes (doubled) and line
/// breaks. Each record carries the line number it starts on, so errors can point at it.
/// </summary>
internal static class CsvFile
{
    public readonly record struct Record(int Line, string[] Fields);

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;

        while (true)
        {
            var next = reader.Read();
            if (next == -1)
            {
                if (fieldStarted || fields.Count > 0 || field.Length > 0)
                {
                    fields.Add(field.ToString());
                    yield return new Record(recordLine, [.. fields]);
                }

                yield break;
            }

            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new Record(recordLine, [.. fields]);
                    fields.Clear();
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
    }
}
