using System.Globalization;

namespace Cinegraph.Core.Catalog;

/// <summary>
/// Turns one checked row of each bundle file into its record, with the checks that belong to one column or row
/// (ranges, id formats, known list kinds). Checks across rows and files stay in <see cref="BundleReader"/>.
/// </summary>
internal static class BundleRowParsers
{
    public static BundleMovie Movie(BundleRow row)
    {
        var rating = row.OptionalDouble("imdb_rating");
        if (rating is < 1 or > 10)
        {
            throw row.Error($"imdb_rating {rating.Value.ToString(CultureInfo.InvariantCulture)} is outside 1-10");
        }

        var rank = row.OptionalInt("letterboxd_popularity_rank");
        if (rank is < 1)
        {
            throw row.Error($"letterboxd_popularity_rank {rank} must be positive");
        }

        var votes = row.OptionalInt("imdb_votes");
        if (votes is < 0)
        {
            throw row.Error($"imdb_votes {votes} must not be negative");
        }

        var runtime = row.OptionalInt("runtime_minutes");
        if (runtime is < 0)
        {
            throw row.Error($"runtime_minutes {runtime} must not be negative");
        }

        return new BundleMovie(
            row.ImdbId("imdb_id"),
            row.Required("title", CatalogLimits.Title),
            row.Year("year"),
            runtime,
            row.Multi("genres"),
            row.Multi("countries"),
            row.Optional("original_language", CatalogLimits.OriginalLanguage),
            rating,
            votes,
            rank);
    }

    public static BundleAward Award(BundleRow row) => new(
        row.ImdbId("imdb_id"),
        row.Required("event", CatalogLimits.Event),
        row.Year("event_year"),
        row.Required("award", CatalogLimits.Award),
        row.Required("category", CatalogLimits.Category),
        row.Flag("won"));

    public static BundleList List(BundleRow row)
    {
        var kind = row.Required("kind");
        if (!ListKinds.All.Contains(kind))
        {
            throw row.Error($"unknown kind '{kind}' (expected one of {string.Join(", ", ListKinds.All.Order(StringComparer.Ordinal))})");
        }

        return new BundleList(
            row.Required("list_key", CatalogLimits.ListKey),
            row.Required("name", CatalogLimits.ListName),
            kind,
            row.Optional("description", CatalogLimits.ListDescription));
    }

    public static BundleMembership Membership(BundleRow row)
    {
        var edition = row.OptionalInt("edition");
        if (edition is < BundleReader.MinYear or > BundleReader.MaxYear)
        {
            throw row.Error($"edition {edition} is outside {BundleReader.MinYear}-{BundleReader.MaxYear}");
        }

        return new BundleMembership(row.Required("list_key", CatalogLimits.ListKey), row.ImdbId("imdb_id"), edition, row.OptionalInt("rank"));
    }

    public static BundleCredit Credit(BundleRow row)
    {
        var personId = row.Required("person_id");
        if (!BundleRow.PersonIdPattern().IsMatch(personId))
        {
            throw row.Error($"person_id '{personId}' is not an IMDb name id (nm + digits)");
        }

        return new BundleCredit(
            row.ImdbId("imdb_id"),
            personId,
            row.Optional("person_name", CatalogLimits.PersonName),
            row.Required("class", CatalogLimits.CreditClass),
            row.Required("category", CatalogLimits.Category),
            row.Year("event_year"),
            row.Flag("won"));
    }
}
