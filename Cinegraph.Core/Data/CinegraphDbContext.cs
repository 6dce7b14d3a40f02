using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Core.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cinegraph.Core.Data;

/// <summary>
/// The catalogue, the profiles and the import ledger. Each provider has a subclass that owns its migrations
/// folder (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>, <c>Migrations/SqlServer</c>).
/// </summary>
public abstract class CinegraphDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Movie> Movies => Set<Movie>();

    public DbSet<AwardNomination> AwardNominations => Set<AwardNomination>();

    public DbSet<CanonicalList> CanonicalLists => Set<CanonicalList>();

    public DbSet<ListMembership> ListMemberships => Set<ListMembership>();

    public DbSet<OscarCredit> OscarCredits => Set<OscarCredit>();

    public DbSet<MetricWeightProfile> Profiles => Set<MetricWeightProfile>();

    public DbSet<Scoring.Learned.FittedModelRow> FittedModels => Set<Scoring.Learned.FittedModelRow>();

    public DbSet<DataImport> DataImports => Set<DataImport>();

    public DbSet<PredictionCacheRow> PredictionCache => Set<PredictionCacheRow>();

    public DbSet<ValidationCacheRow> ValidationCache => Set<ValidationCacheRow>();

    public DbSet<ComparisonCacheRow> ComparisonCache => Set<ComparisonCacheRow>();

    public DbSet<RefreshJob> RefreshJobs => Set<RefreshJob>();

    public DbSet<AdminSession> AdminSessions => Set<AdminSession>();

    /// <summary>The ASP.NET Core data protection keys, shared by every node so a cookie one issues is read by all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
            profile.HasIndex(p => p.IsDefault).IsUnique().HasFilter($"{Quote(nameof(MetricWeightProfile.IsDefault))} = {TrueLiteral}");
            profile.Property(p => p.Kind).HasMaxLength(20);
            profile.HasData(SystemProfiles.Create());
        });

        modelBuilder.Entity<Scoring.Learned.FittedModelRow>(fit =>
        {
            fit.ToTable("fitted_models");
            fit.Property(f => f.FitVersion).HasMaxLength(40);
            fit.Property(f => f.ModelVersion).HasMaxLength(64);
            Json(fit.Property(f => f.Parameters));
            fit.HasIndex(f => new { f.DataVersion, f.FitVersion }).IsUnique();
        });

        modelBuilder.Entity<DataImport>(import =>
        {
            import.ToTable("data_imports");
            import.Property(i => i.Source).HasMaxLength(1000);
            import.Property(i => i.ContentHash).HasMaxLength(64);
            import.HasIndex(i => i.DataVersion);
        });

        modelBuilder.Entity<PredictionCacheRow>(row =>
        {
            row.ToTable("prediction_cache", t => t.HasCheckConstraint(
                "CK_prediction_cache_decade",
                $"{Quote(nameof(PredictionCacheRow.Decade))} >= 1920 AND {Quote(nameof(PredictionCacheRow.Decade))} <= 2020"));
            row.HasOne<MetricWeightProfile>().WithMany().HasForeignKey(r => r.ProfileId).OnDelete(DeleteBehavior.Cascade);
            row.HasIndex(r => new { r.Decade, r.ProfileId }).IsUnique();
            row.HasIndex(r => r.ProfileId);
            Json(row.Property(r => r.MovieScores));
            Json(row.Property(r => r.Statistics));
            Json(row.Property(r => r.Metadata));
        });

        modelBuilder.Entity<ValidationCacheRow>(row =>
        {
            row.ToTable("validation_cache");
            row.HasOne<MetricWeightProfile>().WithMany().HasForeignKey(r => r.ProfileId).OnDelete(DeleteBehavior.Cascade);
            row.HasIndex(r => r.ProfileId).IsUnique();
            Json(row.Property(r => r.Payload));
            Json(row.Property(r => r.Metadata));
        });

        modelBuilder.Entity<ComparisonCacheRow>(row =>
        {
            row.ToTable("comparison_cache");
            row.Property(r => r.Key).HasMaxLength(60);
            row.HasIndex(r => r.Key).IsUnique();
            Json(row.Property(r => r.Payload));
            Json(row.Property(r => r.Metadata));
        });

        modelBuilder.Entity<RefreshJob>(job =>
        {
            job.ToTable("refresh_jobs");
            job.Property(j => j.Kind).HasMaxLength(40);
            job.Property(j => j.Decades).HasMaxLength(200).HasConversion(JobColumns.DecadesConverter, JobColumns.DecadesComparer);
            job.Property(j => j.UniqueKey).HasMaxLength(200);
            job.Property(j => j.State).HasMaxLength(20);
            job.Property(j => j.AttemptedBy).HasMaxLength(200);
            job.Property(j => j.ProgressNote).HasMaxLength(500);
            var errors = job.Property(j => j.Errors).HasConversion(JobColumns.ErrorsConverter, JobColumns.ErrorsComparer);
            var attempts = job.Property(j => j.Attempts).HasConversion(JobColumns.AttemptsConverter, JobColumns.AttemptsComparer);
            if (JsonColumnType is { } jsonType)
            {
                errors.HasColumnType(jsonType);
                attempts.HasColumnType(jsonType);
            }

            var unfinished = string.Join(", ", JobStates.Unfinished.Select(s => $"'{s}'"));
            job.HasIndex(j => j.UniqueKey).IsUnique().HasFilter($"{Quote(nameof(RefreshJob.State))} IN ({unfinished})");
            job.HasIndex(j => new { j.State, j.ScheduledAt });
            job.HasIndex(j => j.ProfileId);
        });

        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        modelBuilder.Entity<AdminSession>(session =>
        {
            session.ToTable("admin_sessions");
            session.Property(s => s.Id).HasMaxLength(AdminSession.MaxKeyLength);
            session.Property(s => s.CredentialStamp).HasMaxLength(AdminSession.MaxKeyLength);
        });
    }

    /// <summary>A column name quoted for the provider's SQL (index filters, check constraints).</summary>
    protected abstract string Quote(string column);

    /// <summary>The provider's literal for a true boolean.</summary>
    protected abstract string TrueLiteral { get; }

    /// <summary>The provider's best column type for JSON text (jsonb on PostgreSQL), or null for its default text type.</summary>
    protected virtual string? JsonColumnType => null;

    private void Json(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> property)
    {
        if (JsonColumnType is { } type)
        {
            property.HasColumnType(type);
        }
    }
}

public sealed class SqliteCinegraphDbContext(DbContextOptions<SqliteCinegraphDbContext> options) : CinegraphDbContext(options)
{
    protected override string TrueLiteral => "1";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type: stored as text, DateTimeOffset cannot be compared or ordered in SQL. As a 64-bit
        // number it can (all values here are UTC), which the job queue's "due now" queries need.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override string Quote(string column) => $"\"{column}\"";
}

public sealed class PostgresCinegraphDbContext(DbContextOptions<PostgresCinegraphDbContext> options) : CinegraphDbContext(options)
{
    protected override string TrueLiteral => "TRUE";

    protected override string? JsonColumnType => "jsonb";

    protected override string Quote(string column) => $"\"{column}\"";
}

public sealed class SqlServerCinegraphDbContext(DbContextOptions<SqlServerCinegraphDbContext> options) : CinegraphDbContext(options)
{
    protected override string TrueLiteral => "1";

    protected override string Quote(string column) => $"[{column}]";
}
