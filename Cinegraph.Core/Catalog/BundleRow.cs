using System.Globalization;
using System.Text.RegularExpressions;

namespace Cinegraph.Core.Catalog;

/// <summary>One data row with typed accessors that fail with the row's file and line.</summary>
internal readonly partial struct BundleRow(string file, int line, string[] header, string[] fields)
{
    public BundleFormatException Error(string problem) => new(file, line, problem);

    public string Raw(string column) => fields[Array.IndexOf(header, column)];

    public string? Optional(string column)
    {
        var value = Raw(column);
        return value.Length == 0 ? null : value;
    }

    public string? Optional(string column, int maxLength) =>
        Optional(column) is { } value ? WithinLength(column, value, maxLength) : null;

    public string Required(string column) =>
        Optional(column) is { } value && value.Trim().Length > 0 ? value : throw Error($"{column} is empty");

    public string Required(string column, int maxLength) => WithinLength(column, Required(column), maxLength);

    private string WithinLength(string column, string value, int maxLength) =>
        value.Length <= maxLength ? value : throw Error($"{column} is {value.Length} characters long; at most {maxLength} fit");

    public string[] Multi(string column) =>
        Optional(column)?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public string ImdbId(string column)
    {
        var value = Raw(column);
        return ImdbIdPattern().IsMatch(value) ? value : throw Error($"{column} '{value}' is not an IMDb title id (tt + 7 or 8 digits)");
    }

    public int? OptionalInt(string column)
    {
        var value = Optional(column);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error($"{column} '{value}' is not a whole number");
    }

    public double? OptionalDouble(string column)
    {
        var value = Optional(column);
        if (value is null)
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error($"{column} '{value}' is not a decimal number");
    }

    public int Year(string column)
    {
        var year = OptionalInt(column) ?? throw Error($"{column} is empty");
        return year is >= BundleReader.MinYear and <= BundleReader.MaxYear ? year : throw Error($"{column} {year} is outside {BundleReader.MinYear}-{BundleReader.MaxYear}");
    }

    public bool Flag(string column) => Raw(column) switch
    {
        "1" => true,
        "0" or "" => false,
        var other => throw Error($"{column} '{other}' must be 1, 0 or empty"),
    };

    [GeneratedRegex("^tt[0-9]{7,8}$", RegexOptions.CultureInvariant)]
    internal static partial Regex ImdbIdPattern();

    [GeneratedRegex("^nm[0-9]{7,8}$", RegexOptions.CultureInvariant)]
    internal static partial Regex PersonIdPattern();
}
