using System.Globalization;

namespace Cinegraph.Core.Scoring;

/// <summary>
/// The one rule for a profile's name and description, checked wherever a profile is saved: the name is required
/// and at most <see cref="MaxNameLength"/> characters, the description at most <see cref="MaxDescriptionLength"/>
/// (both after trimming, counted in UTF-16 units as the browser counts them), and neither may hold a control
/// character, a line or paragraph separator, an invisible format character (zero-width spaces and joiners, the
/// byte-order mark, soft hyphen) or a bidirectional override, embedding, isolate or mark, nor half a surrogate pair.
/// </summary>
public static class ProfileText
{
    public const int MaxNameLength = 100;

    public const int MaxDescriptionLength = 500;

    /// <summary>Why the name and description cannot be saved; empty when they can.</summary>
    public static IReadOnlyList<string> Validate(string? name, string? description)
    {
        var errors = new List<string>();
        var trimmedName = name?.Trim() ?? "";
        var trimmedDescription = description?.Trim() ?? "";
        if (trimmedName.Length == 0)
        {
            errors.Add("A profile needs a name.");
        }
        else if (trimmedName.Length > MaxNameLength)
        {
            errors.Add($"The name is {trimmedName.Length} characters long; at most {MaxNameLength} are allowed.");
        }

        if (trimmedDescription.Length > MaxDescriptionLength)
        {
            errors.Add($"The description is {trimmedDescription.Length} characters long; at most {MaxDescriptionLength} are allowed.");
        }

        if (FirstForbidden(trimmedName) is { } inName)
        {
            errors.Add($"The name contains an invisible or control character ({inName}); type it again without it.");
        }

        if (FirstForbidden(trimmedDescription) is { } inDescription)
        {
            errors.Add($"The description contains an invisible or control character ({inDescription}); type it again without it.");
        }

        return errors;
    }

    /// <summary>Throws <see cref="InvalidProfileTextException"/> unless <see cref="Validate"/> finds nothing.</summary>
    public static void EnsureValid(string? name, string? description)
    {
        var errors = Validate(name, description);
        if (errors.Count > 0)
        {
            throw new InvalidProfileTextException(errors);
        }
    }

    /// <summary>The code of the first character the rule refuses (e.g. <c>U+202E</c>), or null.</summary>
    public static string? FirstForbidden(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsForbidden(char.GetUnicodeCategory(c)))
            {
                return string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
            }
        }

        return null;
    }

    // Format (Cf) holds every zero-width, joiner, BOM and bidi control character (U+200B–U+200F, U+202A–U+202E,
    // U+2060–U+2069, U+FEFF, U+061C, …).
    private static bool IsForbidden(UnicodeCategory category) =>
        category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}

/// <summary>A profile name or description that <see cref="ProfileText"/> refuses.</summary>
public sealed class InvalidProfileTextException(IReadOnlyList<string> errors)
    : ArgumentException(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
