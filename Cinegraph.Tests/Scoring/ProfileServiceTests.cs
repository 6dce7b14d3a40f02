using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Caching;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Scoring;

public abstract class ProfileServiceTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefusesAProfileWhoseWeightsDoNotSumToOneAndStoresNothing()
    {
        using var host = new CacheTestHost(Factory);

        var act = () => host.Profiles.CreateAsync("Lopsided", "", new CategoryWeights(0.6, 0.6, 0, 0), Ct);

        await act.Should().ThrowAsync<InvalidWeightsException>().WithMessage("*sum to 100%*");
        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.Profiles.AnyAsync(p => p.Name == "Lopsided", Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task RefusesNegativeWeightsOnEditAndKeepsTheOldOnes()
    {
        using var host = new CacheTestHost(Factory);

        var act = () => host.Profiles.UpdateWeightsAsync(1, new CategoryWeights(1.5, -0.5, 0, 0), Ct);

        await act.Should().ThrowAsync<InvalidWeightsException>();
        var balanced = await host.Profiles.FindByNameAsync(SystemProfiles.BalancedName, Ct);
        balanced!.Weights.Should().Be(CategoryWeights.Balanced);
        balanced.WeightsVersion.Should().Be(1);
    }

    [Fact]
    public async Task EveryEditOfTheWeightsBumpsTheWeightsVersion()
    {
        using var host = new CacheTestHost(Factory);
        var created = await host.Profiles.CreateAsync("Mine", "my own", new CategoryWeights(0.7, 0.1, 0.1, 0.1), Ct);

        await host.Profiles.UpdateWeightsAsync(created.Id, new CategoryWeights(0.6, 0.2, 0.1, 0.1), Ct);
        var edited = await host.Profiles.UpdateWeightsAsync(created.Id, new CategoryWeights(0.5, 0.3, 0.1, 0.1), Ct);

        edited.WeightsVersion.Should().Be(3);
        (await host.Profiles.FindByNameAsync("mine", Ct))!.Weights.Should().Be(new CategoryWeights(0.5, 0.3, 0.1, 0.1));
        (await host.Profiles.GetActiveAsync(Ct)).Select(p => p.Name).Should().Contain("Mine").And.HaveCount(7);
    }

    [Theory]
    [InlineData("Evil\u202Egnp", "")]
    [InlineData("Zero\u200Bwidth", "")]
    [InlineData("Fine", "bell\u0007")]
    [InlineData("", "")]
    public async Task RefusesANameOrDescriptionTheTextRuleRefusesAndStoresNothing(string name, string description)
    {
        using var host = new CacheTestHost(Factory);

        var act = () => host.Profiles.CreateAsync(name, description, new CategoryWeights(0.7, 0.1, 0.1, 0.1), Ct);

        await act.Should().ThrowAsync<InvalidProfileTextException>();
        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.Profiles.CountAsync(Ct)).Should().Be(SystemProfiles.Create().Count);
    }

    [Fact]
    public async Task RefusesANameOver100OrADescriptionOver500Characters()
    {
        using var host = new CacheTestHost(Factory);
        var weights = new CategoryWeights(0.7, 0.1, 0.1, 0.1);

        var longName = () => host.Profiles.CreateAsync(new string('n', 101), "", weights, Ct);
        var longDescription = () => host.Profiles.CreateAsync("Long", new string('d', 501), weights, Ct);
        var atTheLimit = await host.Profiles.CreateAsync(new string('n', 100), new string('d', 500), weights, Ct);

        await longName.Should().ThrowAsync<InvalidProfileTextException>().WithMessage("*at most 100*");
        await longDescription.Should().ThrowAsync<InvalidProfileTextException>().WithMessage("*at most 500*");
        (await host.Profiles.FindByNameAsync(new string('n', 100), Ct))!.Description.Should().HaveLength(500);
        atTheLimit.Id.Should().BePositive();
    }

    [Fact]
    public async Task DefaultProfileIsLearned()
    {
        using var host = new CacheTestHost(Factory);

        var profile = await host.Profiles.GetDefaultAsync(Ct);

        profile!.Name.Should().Be(SystemProfiles.LearnedName);
        profile.Kind.Should().Be(ProfileKinds.Learned);
        profile.IsSystem.Should().BeTrue();
    }

    [Fact]
    public async Task RefusesAnEditOfTheLearnedProfilesWeightsAndKeepsThem()
    {
        using var host = new CacheTestHost(Factory);
        var learned = (await host.Profiles.GetDefaultAsync(Ct))!;

        var act = () => host.Profiles.UpdateWeightsAsync(learned.Id, new CategoryWeights(0.7, 0.1, 0.1, 0.1), Ct);

        await act.Should().ThrowAsync<ProfileNotEditableException>().WithMessage("*Learned*");
        var after = (await host.Profiles.FindByNameAsync(SystemProfiles.LearnedName, Ct))!;
        (after.Weights, after.WeightsVersion).Should().Be((learned.Weights, learned.WeightsVersion));
    }

    [Fact]
    public async Task AProfileCreatedAfterTheSeededOnesGetsANewId()
    {
        using var host = new CacheTestHost(Factory);

        var created = await host.Profiles.CreateAsync("Mine", "", new CategoryWeights(0.7, 0.1, 0.1, 0.1), Ct);

        created.Id.Should().BeGreaterThan(SystemProfiles.Create().Max(p => p.Id));
        (await host.Profiles.GetActiveAsync(Ct)).Select(p => p.Name).Should().Contain(SystemProfiles.LearnedName).And.Contain("Mine");
    }

    [Fact]
    public async Task AnAdminsProfileIsRenamedAndItsWeightsVersionMovesOnlyWhenItsWeightsChange()
    {
        using var host = new CacheTestHost(Factory);
        var mine = await host.Profiles.CreateAsync("Mine", "first", new CategoryWeights(0.4, 0.2, 0.2, 0.2), Ct);

        var renamed = await host.Profiles.EditAsync(mine.Id, " Ours ", "second", mine.Weights, Ct);
        var reweighted = await host.Profiles.EditAsync(mine.Id, "Ours", "second", new CategoryWeights(0.1, 0.3, 0.3, 0.3), Ct);

        renamed.Should().BeEquivalentTo(new { Name = "Ours", Description = "second", WeightsVersion = 1 });
        reweighted.WeightsVersion.Should().Be(2);
        var stored = await host.Profiles.FindBySlugAsync("ours", Ct);
        stored!.Weights.Should().Be(new CategoryWeights(0.1, 0.3, 0.3, 0.3));
        (await host.Profiles.FindByNameAsync("Mine", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task SystemProfilesCanBeNeitherEditedNorDeleted()
    {
        using var host = new CacheTestHost(Factory);

        var edit = () => host.Profiles.EditAsync(1, "Renamed", "", CategoryWeights.Balanced, Ct);
        var delete = () => host.Profiles.DeleteAsync(1, Ct);

        await edit.Should().ThrowAsync<ProfileReadOnlyException>();
        await delete.Should().ThrowAsync<ProfileReadOnlyException>();
        (await host.Profiles.FindByNameAsync(SystemProfiles.BalancedName, Ct)).Should().NotBeNull();
    }

    [Fact]
    public async Task DeletingAnAdminsProfileRemovesItsCachedRows()
    {
        await CacheTestHost.ImportDemoAsync(Factory, films: 200);
        using var host = new CacheTestHost(Factory);
        var mine = await host.Profiles.CreateAsync("Mine", "", new CategoryWeights(0.4, 0.2, 0.2, 0.2), Ct);
        await host.RefreshAsync(mine.Id, decades: [2020], includeValidation: false);
        (await host.Cache.GetPredictionsAsync(2020, mine.Id, 10, Ct)).IsReady.Should().BeTrue();

        (await host.Profiles.DeleteAsync(mine.Id, Ct)).Should().BeTrue();

        (await host.Profiles.DeleteAsync(mine.Id, Ct)).Should().BeFalse();
        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.Profiles.AnyAsync(p => p.Id == mine.Id, Ct)).Should().BeFalse();
        (await db.PredictionCache.AnyAsync(r => r.ProfileId == mine.Id, Ct)).Should().BeFalse();
        (await host.State.GetAsync(Ct)).Profiles.Should().NotContain(p => p.Id == mine.Id);
    }
}

public sealed class ProfileServiceTestsOnSqlite() : ProfileServiceTests(DatabaseProvider.Sqlite);

public sealed class ProfileServiceTestsOnPostgres() : ProfileServiceTests(DatabaseProvider.Postgres);
