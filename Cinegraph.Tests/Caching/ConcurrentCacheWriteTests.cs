using System.Data.Common;
using Cinegraph.Core.Data;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cinegraph.Tests.Caching;

/// <summary>
/// Two writers of a cache row that does not exist yet (two nodes' jobs writing the one comparison row, or one
/// profile's decade): both look, both find none, both insert; the one that loses on the key must not fail its job.
/// </summary>
public abstract class ConcurrentCacheWriteTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private readonly FirstReadsMeet _meet = new();

    protected override void ConfigureContext(DbContextOptionsBuilder builder) => builder.AddInterceptors(_meet);

    [Fact]
    public async Task TwoWritersThatBothFindNoRowBothSucceedAndLeaveOneRow()
    {
        var ct = TestContext.Current.CancellationToken;
        await CacheTestHost.ImportDemoAsync(Factory);
        using var host = new CacheTestHost(Factory);
        MetricWeightProfile profile;
        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            profile = await db.Profiles.AsNoTracking().SingleAsync(p => p.Name == "Balanced", ct);
        }

        var snapshot = await new FeatureSnapshotLoader(Factory).LoadAsync(ct);
        var prediction = new MoviePredictor(snapshot).PredictDecade(2010, ScoringProfile.From(profile));

        _meet.Arm();
        var writes = new[]
        {
            host.Writer.WriteDecadeAsync(profile, prediction, jobId: 1, TimeSpan.Zero, ct),
            host.Writer.WriteDecadeAsync(profile, prediction, jobId: 2, TimeSpan.Zero, ct),
        };
        await Task.WhenAll(writes);

        if (Provider == DatabaseProvider.Postgres)
        {
            _meet.Met.Should().BeTrue("both writers read before either inserted (SQLite's immediate transactions take turns)");
        }

        await using var check = await Factory.CreateDbContextAsync(ct);
        (await check.PredictionCache.CountAsync(r => r.ProfileId == profile.Id && r.Decade == 2010, ct)).Should().Be(1);
    }

    /// <summary>Holds the first two reads of <c>prediction_cache</c> until both have been sent (or 5 s passed).</summary>
    private sealed class FirstReadsMeet : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;
        private int _arrived;

        public bool Met => _both.Task.IsCompletedSuccessfully;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _armed) == 1 && command.CommandText.Contains("prediction_cache", StringComparison.Ordinal)
                && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                var arrived = Interlocked.Increment(ref _arrived);
                if (arrived == 2)
                {
                    _both.TrySetResult();
                }
                else if (arrived == 1)
                {
                    // SQLite's second writer cannot read before the first one's transaction ends; it then goes on alone.
                    await Task.WhenAny(_both.Task, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
                }
            }

            return result;
        }
    }
}

public sealed class ConcurrentCacheWriteTestsOnSqlite() : ConcurrentCacheWriteTests(DatabaseProvider.Sqlite);

public sealed class ConcurrentCacheWriteTestsOnPostgres() : ConcurrentCacheWriteTests(DatabaseProvider.Postgres);
