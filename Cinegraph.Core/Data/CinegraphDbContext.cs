using Cinegraph.Core.Catalog;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Core.Data;

/// <summary>
/// The catalogue, the profiles and the import ledger. Each provider has a subclass that owns its migrations
/// folder (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>, <c>Migrations/SqlServer</c>).
/// </summary>
public abstract class CinegraphDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Movie> Movies => Set<Movie>();

    public DbSet<AwardNomination> AwardNominations => Set<AwardNomination>();

    public DbSet<CanonicalList> CanonicalLists => Set<CanonicalList>();

    public DbSet<ListMembership> ListMemberships => Set<ListMembership>();

    public DbSet<OscarCredit> OscarCredits => Set<OscarCredit>();

    public DbSet<MetricWeightProfile> Profiles => Set<MetricWeightProfile>();

    public DbSet<DataImport> DataImports => Set<DataImport>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Movie>(movie =>
        {
            movie.ToTable("movies");
            movie.Property(m => m.ImdbId).HasMaxLength(CatalogLimits.ImdbId);
            movie.HasIndex(m => m.ImdbId).IsUnique();
            movie.Property(m => m.Title).HasMaxLength(CatalogLimits.Title);
            movie.Property(m => m.OriginalLanguage).HasMaxLength(CatalogLimits.OriginalLanguage);
            movie.HasIndex(m => m.Year);
        });

        modelBuilder.Entity<AwardNomination>(award =>
        {
            award.ToTable("award_nominations");
            award.Property(a => a.Event).HasMaxLength(CatalogLimits.Event);
            award.Property(a => a.Award).HasMaxLength(CatalogLimits.Award);
            award.Property(a => a.Category).HasMaxLength(CatalogLimits.Category);
            award.HasOne<Movie>().WithMany().HasForeignKey(a => a.MovieId).OnDelete(DeleteBehavior.Cascade);
            award.HasIndex(a => new { a.MovieId, a.Event, a.EventYear });
        });

        modelBuilder.Entity<CanonicalList>(list =>
        {
            list.ToTable("canonical_lists");
            list.Property(l => l.Key).HasMaxLength(CatalogLimits.ListKey);
            list.HasIndex(l => l.Key).IsUnique();
            list.Property(l => l.Name).HasMaxLength(CatalogLimits.ListName);
            list.Property(l => l.Kind).HasMaxLength(CatalogLimits.ListKind);
            list.Property(l => l.Description).HasMaxLength(CatalogLimits.ListDescription);
            list.Ignore(l => l.IsTarget);
        });

        modelBuilder.Entity<ListMembership>(membership =>
        {
            membership.ToTable("list_memberships");
            membership.HasOne<CanonicalList>().WithMany().HasForeignKey(m => m.ListId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne<Movie>().WithMany().HasForeignKey(m => m.MovieId).OnDelete(DeleteBehavior.Cascade);
            membership.HasIndex(m => new { m.ListId, m.MovieId, m.Edition });
            membership.HasIndex(m => m.MovieId);
        });

        modelBuilder.Entity<OscarCredit>(credit =>
        {
            credit.ToTable("oscar_credits");
            credit.Property(c => c.PersonId).HasMaxLength(CatalogLimits.PersonId);
            credit.Property(c => c.PersonName).HasMaxLength(CatalogLimits.PersonName);
            credit.Property(c => c.Class).HasMaxLength(CatalogLimits.CreditClass);
            credit.Property(c => c.Category).HasMaxLength(CatalogLimits.Category);
            credit.HasOne<Movie>().WithMany().HasForeignKey(c => c.MovieId).OnDelete(DeleteBehavior.Cascade);
            credit.HasIndex(c => c.MovieId);
            credit.HasIndex(c => c.PersonId);
        });

        modelBuilder.Entity<MetricWeightProfile>(profile =>
        {
            profile.ToTable("metric_weight_profiles");
            profile.Property(p => p.Name).HasMaxLength(100);
            profile.HasIndex(p => p.Name).IsUnique();
            profile.Property(p => p.Description).HasMaxLength(500);
            profile.Property(p => p.WeightsVersion).IsConcurrencyToken();
            profile.Ignore(p => p.Weights);
            profile.HasIndex(p => p.IsDefault).IsUnique().HasFilter(DefaultProfileFilter);
            profile.HasData(SystemProfiles.Create());
        });

        modelBuilder.Entity<DataImport>(import =>
        {
            import.ToTable("data_imports");
            import.Property(i => i.Source).HasMaxLength(1000);
            import.Property(i => i.ContentHash).HasMaxLength(64);
            import.HasIndex(i => i.DataVersion);
        });
    }

    /// <summary>The provider's SQL for "this row is the default profile".</summary>
    protected abstract string DefaultProfileFilter { get; }
}

public sealed class SqliteCinegraphDbContext(DbContextOptions<SqliteCinegraphDbContext> options) : CinegraphDbContext(options)
{
    protected override string DefaultProfileFilter => "\"IsDefault\" = 1";
}

public sealed class PostgresCinegraphDbContext(DbContextOptions<PostgresCinegraphDbContext> options) : CinegraphDbContext(options)
{
    protected override string DefaultProfileFilter => "\"IsDefault\" = TRUE";
}

public sealed class SqlServerCinegraphDbContext(DbContextOptions<SqlServerCinegraphDbContext> options) : CinegraphDbContext(options)
{
    protected override string DefaultProfileFilter => "[IsDefault] = 1";
}
