using System.Globalization;
using System.Text.Json.Nodes;
using Cinegraph.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Caching;

/// <summary>
/// Damages cache rows with plain SQL, as a bad migration, a hand edit or a bit flip would. PostgreSQL keeps the
/// payloads as jsonb, so it refuses text that is not JSON at all; every other damage is held by both providers.
/// </summary>
internal static class CacheRowDamage
{
    /// <summary>A damage to one JSON column of a row: the column and how the stored JSON is changed.</summary>
    public sealed record Damage(string Column, Func<string, string> Apply, bool PostgresCanHoldIt = true);

    /// <summary>Marks a number put in by <see cref="Edit"/> that stands for a literal JSON cannot build (1e400).</summary>
    private const double Placeholder = 123456.789;

    public static IReadOnlyDictionary<string, Damage> PredictionDamages { get; } = new Dictionary<string, Damage>
    {
        ["unknown category index"] = new("MovieScores", j => Edit(j, a => a[0]!["breakdown"]![0]![0] = 9)),
        ["negative category index"] = new("MovieScores", j => Edit(j, a => a[0]!["breakdown"]![0]![0] = -1)),
        ["category index not a number"] = new("MovieScores", j => Edit(j, a => a[0]!["breakdown"]![0]![0] = "x")),
        ["breakdown value as a string NaN"] = new("MovieScores", j => Edit(j, a => a[0]!["breakdown"]![0]![2] = "NaN")),
        ["total score 250"] = new("MovieScores", j => Edit(j, a => a[0]!["totalScore"] = 250)),
        ["total score -1"] = new("MovieScores", j => Edit(j, a => a[0]!["totalScore"] = -1)),
        ["total score NaN"] = new("MovieScores", j => Edit(j, a => a[0]!["totalScore"] = "NaN")),
        ["likelihood Infinity"] = new("MovieScores", j => Edit(j, a => a[0]!["likelihood"] = "Infinity")),
        ["likelihood 1e400"] = new("MovieScores", j => Edit(j, a => a[0]!["likelihood"] = Placeholder).Replace("123456.789", "1e400", StringComparison.Ordinal)),
        ["raw score 150"] = new("MovieScores", j => Edit(j, a => a[0]!["breakdown"]![0]![1] = 150)),
        ["effective weight 2"] = new("MovieScores", j => Edit(j, a => a[0]!["breakdown"]![0]![3] = 2)),
        ["title null"] = new("MovieScores", j => Edit(j, a => a[0]!["title"] = null)),
        ["entry without a breakdown"] = new("MovieScores", j => Edit(j, a => a[0]!.AsObject().Remove("breakdown"))),
        ["unknown status"] = new("MovieScores", j => Edit(j, a => a[0]!["status"] = "maybe")),
        ["entries an object"] = new("MovieScores", _ => "{}"),
        ["entries not JSON"] = new("MovieScores", _ => "[{\"rank\":1,", PostgresCanHoldIt: false),
        ["statistics []"] = new("Statistics", _ => "[]"),
        ["statistics count -1"] = new("Statistics", j => Edit(j, s => s["count"] = -1)),
        ["statistics mean 250"] = new("Statistics", j => Edit(j, s => s["meanLikelihood"] = 250)),
        ["metadata []"] = new("Metadata", _ => "[]"),
        ["metadata null"] = new("Metadata", _ => "null"),
        ["metadata weights NaN"] = new("Metadata", j => Edit(j, m => m["weights"]!["popularOpinion"] = "NaN")),
        ["metadata without an algorithm"] = new("Metadata", j => Edit(j, m => m.AsObject().Remove("algorithmVersion"))),
    };

    public static IReadOnlyDictionary<string, Damage> ValidationDamages { get; } = new Dictionary<string, Damage>
    {
        ["payload {}"] = new("Payload", _ => "{}"),
        ["micro accuracy 250"] = new("Payload", j => Edit(j, v => v["validation"]!["microAccuracy"] = 250)),
        ["hits above the list"] = new("Payload", j => Edit(j, v => v["validation"]!["decades"]![0]!["hits"] = 100000)),
        ["metadata []"] = new("Metadata", _ => "[]"),
    };

    public static IReadOnlyDictionary<string, Damage> ComparisonDamages { get; } = new Dictionary<string, Damage>
    {
        ["payload []"] = new("Payload", _ => "[]"),
        ["micro accuracy NaN"] = new("Payload", j => Edit(j, c => c["profiles"]![0]!["microAccuracy"] = "NaN")),
        ["metadata []"] = new("Metadata", _ => "[]"),
    };

    /// <summary>Applies <paramref name="damage"/> to the row of <paramref name="table"/> matching <paramref name="where"/>, by SQL.</summary>
    public static async Task ApplyAsync(IDbContextFactory<CinegraphDbContext> factory, string table, string where, Damage damage, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Table, column and condition are the tests' own constants; the damaged value goes as a parameter.
        var select = $"SELECT \"{damage.Column}\" AS \"Value\" FROM {table} WHERE {where}";
        var current = await db.Database.SqlQueryRaw<string>(select).SingleAsync(cancellationToken);
        var value = db.Database.IsNpgsql() ? "CAST({0} AS jsonb)" : "{0}";
        var update = $"UPDATE {table} SET \"{damage.Column}\" = {value} WHERE {where}";
        var changed = await db.Database.ExecuteSqlRawAsync(update, [damage.Apply(current)], cancellationToken);
        changed.Should().Be(1);
    }

    public static string PredictionRow(int decade, int profileId) =>
        string.Create(CultureInfo.InvariantCulture, $"\"Decade\" = {decade} AND \"ProfileId\" = {profileId}");

    private static string Edit(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return node.ToJsonString();
    }
}
