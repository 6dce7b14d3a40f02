using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Data;

/// <summary>The migrations applied to a real, empty database: tables, seeded profiles and the one-default rule.</summary>
public abstract class SchemaTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    [Fact]
    public async Task MigrationsApplyToAnEmptyDatabase()
    {
        await using var db = await Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;

        (await db.Database.GetAppliedMigrationsAsync(ct)).Should().Equal(db.Database.GetMigrations());
        (await db.Database.GetPendingMigrationsAsync(ct)).Should().BeEmpty();
        (await db.Movies.CountAsync(ct)).Should().Be(0);
        (await db.AwardNominations.CountAsync(ct)).Should().Be(0);
        (await db.CanonicalLists.CountAsync(ct)).Should().Be(0);
        (await db.ListMemberships.CountAsync(ct)).Should().Be(0);
        (await db.OscarCredits.CountAsync(ct)).Should().Be(0);
        (await db.DataImports.CountAsync(ct)).Should().Be(0);
    }

    [Fact]
    public async Task MigratingTwiceChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;

        await new DatabaseInitializer(Factory).MigrateAsync(ct);

        await using var db = await Factory.CreateDbContextAsync(ct);
        (await db.Profiles.CountAsync(ct)).Should().Be(6);
        (await db.Database.GetPendingMigrationsAsync(ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task SeedsTheSixSystemProfilesWithLearnedAsTheDefault()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Factory.CreateDbContextAsync(ct);

        var profiles = await db.Profiles.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);

        profiles.Select(p => p.Name).Should().Equal("Balanced", "Award Winner", "Critics Choice", "Crowd Pleaser", "Cult Classic", SystemProfiles.LearnedName);
        profiles.Should().OnlyContain(p => p.IsSystem && p.Active && p.WeightsVersion == 1);
        profiles.Should().ContainSingle(p => p.IsDefault).Which.Name.Should().Be(SystemProfiles.LearnedName);
        profiles.Select(p => p.Kind).Should().Equal(Enumerable.Repeat(ProfileKinds.Weights, 5).Append(ProfileKinds.Learned));
        var balanced = profiles.Single(p => p.Name == SystemProfiles.BalancedName);
        new[] { balanced.PopularOpinion, balanced.IndustryRecognition, balanced.CulturalImpact, balanced.PeopleQuality }
            .Should().AllSatisfy(w => w.Should().Be(0.25));
        foreach (var profile in profiles)
        {
            (profile.PopularOpinion + profile.IndustryRecognition + profile.CulturalImpact + profile.PeopleQuality)
                .Should().BeApproximately(1, 0.001, because: $"{profile.Name}'s weights sum to 1");
        }
    }

    [Fact]
    public async Task RefusesASecondDefaultProfile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            db.Profiles.Add(new MetricWeightProfile
            {
                Name = "Second default",
                PopularOpinion = 0.25,
                IndustryRecognition = 0.25,
                CulturalImpact = 0.25,
                PeopleQuality = 0.25,
                IsDefault = true,
            });

            var insert = () => db.SaveChangesAsync(ct);

            (await insert.Should().ThrowAsync<DbUpdateException>()).Which.InnerException!.Message
                .Should().Contain("IsDefault", because: "the filtered unique index refuses it, not some other constraint");
        }

        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            var awardWinner = await db.Profiles.SingleAsync(p => p.Name == "Award Winner", ct);
            awardWinner.IsDefault = true;

            var update = () => db.SaveChangesAsync(ct);

            (await update.Should().ThrowAsync<DbUpdateException>()).Which.InnerException!.Message
                .Should().Contain("IsDefault");
        }

        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            (await db.Profiles.CountAsync(ct)).Should().Be(6);
            (await db.Profiles.Where(p => p.IsDefault).Select(p => p.Name).ToListAsync(ct)).Should().Equal(SystemProfiles.LearnedName);
        }
    }

    [Fact]
    public async Task AllowsManyProfilesThatAreNotTheDefault()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Factory.CreateDbContextAsync(ct);
        foreach (var name in new[] { "Mine", "Yours" })
        {
            db.Profiles.Add(new MetricWeightProfile
            {
                Name = name,
                PopularOpinion = 0.4,
                IndustryRecognition = 0.2,
                CulturalImpact = 0.2,
                PeopleQuality = 0.2,
            });
        }

        await db.SaveChangesAsync(ct);

        (await db.Profiles.CountAsync(p => !p.IsDefault, ct)).Should().Be(7, because: "the filtered index only constrains the default row");
    }
}

public sealed class SchemaTestsOnSqlite() : SchemaTests(DatabaseProvider.Sqlite);

public sealed class SchemaTestsOnPostgres() : SchemaTests(DatabaseProvider.Postgres);
