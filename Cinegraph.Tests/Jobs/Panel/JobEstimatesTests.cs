using Cinegraph.Core.Caching;
using Cinegraph.Core.Events;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Jobs.Panel;

/// <summary>Time estimates from the last completed jobs of the same shape (rule: <see cref="JobEstimatorTests"/>), on a real database and a fake clock.</summary>
public abstract class JobEstimatesTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(At.AddHours(1));
    private readonly CountingCommandInterceptor _commands = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARunningJobIsEstimatedFromTheLastThreeCompletedJobsOfItsShapeNewestFirst()
    {
        foreach (var seconds in new[] { 100, 10, 50, 20 })
        {
            await CompletedAsync(seconds, decades: [1990, 2000]);
        }

        await CompletedAsync(500, decades: [1990]);
        var events = new InProcessPredictionEvents(NullLogger<InProcessPredictionEvents>.Instance);
        using var estimates = new JobEstimates(Factory, events, _time);
        var running = await JobRows.InsertAsync(Factory, JobStates.Executing, At, j =>
        {
            (j.Decades, j.Attempt, j.AttemptedAt) = ([1990, 2000], 1, _time.GetUtcNow().AddSeconds(-5));
        });

        var estimate = await estimates.EstimateAsync(CacheStatusReader.Summarize(running), Ct);

        estimate.Should().Be(new JobEstimate(TimeSpan.FromSeconds(17.5), TimeSpan.FromSeconds(12.5), 2), "20, 50 and 10 s newest first; 50 s is an outlier");
        _time.Advance(TimeSpan.FromSeconds(30));
        (await estimates.EstimateAsync(CacheStatusReader.Summarize(running), Ct))!.Remaining.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task AQueuedJobGetsTheWholeDurationAndAJobOfANewShapeOrAFinishedJobGetsNone()
    {
        await CompletedAsync(40, decades: [1990]);
        var events = new InProcessPredictionEvents(NullLogger<InProcessPredictionEvents>.Instance);
        using var estimates = new JobEstimates(Factory, events, _time);
        var queued = await JobRows.InsertAsync(Factory, JobStates.Available, At, j => j.Decades = [1990]);
        var otherShape = await JobRows.InsertAsync(Factory, JobStates.Available, At, j => (j.Decades, j.IncludeValidation) = ([1990], true));
        var finished = await CompletedAsync(40, decades: [1990]);

        (await estimates.EstimateAsync(CacheStatusReader.Summarize(queued), Ct)).Should().Be(new JobEstimate(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(40), 2));
        (await estimates.EstimateAsync(CacheStatusReader.Summarize(otherShape), Ct)).Should().BeNull();
        (await estimates.EstimateAsync(CacheStatusReader.Summarize(finished), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task DurationsAreReadOnceAndAgainOnlyAfterAJobCompletes()
    {
        await CompletedAsync(40, decades: [1990]);
        var events = new InProcessPredictionEvents(NullLogger<InProcessPredictionEvents>.Instance);
        using var estimates = new JobEstimates(Factory, events, _time);
        var queued = CacheStatusReader.Summarize(await JobRows.InsertAsync(Factory, JobStates.Available, At, j => j.Decades = [1990]));
        (await estimates.EstimateAsync(queued, Ct))!.Expected.Should().Be(TimeSpan.FromSeconds(40));
        var second = await CompletedAsync(30, decades: [1990]);
        _commands.Reset();

        (await estimates.EstimateAsync(queued, Ct))!.Expected.Should().Be(TimeSpan.FromSeconds(40), "nothing told it a job completed");
        _commands.Count.Should().Be(0);
        await events.PublishAsync(new RefreshCompleted(second.Id, 1, second.CompletedAt!.Value), Ct);

        await Eventually.UntilAsync(() => estimates.EstimateAsync(queued, Ct), e => e!.Expected == TimeSpan.FromSeconds(34), "the new duration counted: (3·30 + 2·40) / 5");
        _commands.Count.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ARunningJobsRemainingTimeComesFromTheStepsItsRowAndTheLastCompletedRunsRecorded()
    {
        var completed = await CompletedAsync(10, decades: [1990, 2000]);
        await UpdateAsync(completed.Id, j => j.Attempts = [new JobAttemptRecord(1, "node", At, At.AddSeconds(10), JobStates.Completed, [Step(2), Step(4), Step(4)])]);
        var events = new InProcessPredictionEvents(NullLogger<InProcessPredictionEvents>.Instance);
        using var estimates = new JobEstimates(Factory, events, _time);
        var start = _time.GetUtcNow().AddSeconds(-3);
        var running = await JobRows.InsertAsync(Factory, JobStates.Executing, At, j =>
        {
            (j.Decades, j.Attempt, j.AttemptedAt, j.ProgressDone, j.ProgressTotal) = ([1990, 2000], 1, start, 1, 3);
            j.Attempts = [new JobAttemptRecord(1, "node", start, null, null, [Step(2)])];
        });

        var estimate = await estimates.EstimateAsync(CacheStatusReader.Summarize(running), Ct);

        estimate.Should().Be(new JobEstimate(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(7), 1), "4 + 4 s of steps to do, 1 s into the second");
    }

    protected override void ConfigureContext(Microsoft.EntityFrameworkCore.DbContextOptionsBuilder builder) => builder.AddInterceptors(_commands);

    private static JobStep Step(double seconds) => new("step", seconds);

    private async Task UpdateAsync(long id, Action<RefreshJob> change)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        change(await db.RefreshJobs.SingleAsync(j => j.Id == id, Ct));
        await db.SaveChangesAsync(Ct);
    }

    private Task<RefreshJob> CompletedAsync(int seconds, IReadOnlyList<int> decades) =>
        JobRows.InsertAsync(Factory, JobStates.Completed, At, j =>
        {
            (j.Decades, j.Attempt, j.AttemptedAt, j.CompletedAt) = (decades, 1, At.AddMinutes(1), At.AddMinutes(1).AddSeconds(seconds));
        });
}

public sealed class JobEstimatesTestsOnSqlite() : JobEstimatesTests(DatabaseProvider.Sqlite);

public sealed class JobEstimatesTestsOnPostgres() : JobEstimatesTests(DatabaseProvider.Postgres);
