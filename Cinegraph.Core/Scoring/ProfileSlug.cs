using System.Text;

namespace Cinegraph.Core.Scoring;

/// <summary>
/// The URL slug of a weight profile: its name in lower case, with every run of characters that are not letters or
/// digits turned into one hyphen (<c>Award Winner</c> → <c>award-winner</c>). Slugs are derived, never stored.
/// </summary>
public static class ProfileSlug
{
    /// <summary>The slug of a profile name; <c>profile</c> when the name has no letter or digit at all.</summary>
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.Length == 0 ? "profile" : builder.ToString();
    }

    /// <summary>Whether <paramref name="slug"/> is the slug of <paramref name="name"/> (case-insensitive).</summary>
    public static bool Matches(string name, string slug) =>
        string.Equals(From(name), slug?.Trim(), StringComparison.OrdinalIgnoreCase);
}
