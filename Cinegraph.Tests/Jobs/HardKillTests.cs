using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Jobs;

/// <summary>
/// A real hard kill (anchors §4 row 2, after Quartz #3759): a worker in a child process is killed with SIGKILL mid-job;
/// a second process rescues the job by its stale heartbeat and completes it, and the work is recorded once per decade.
/// </summary>
public abstract class HardKillTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    [Fact]
    public async Task AJobKilledMidRunIsRescuedAndCompletedByTheNextProcessWithOneMarkPerDecade()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TABLE job_marks (job_id BIGINT NOT NULL, decade INTEGER NOT NULL, attempt INTEGER NOT NULL, PRIMARY KEY (job_id, decade))", ct);
        }

        long jobId;
        await using (var enqueuer = new JobNode(Factory, TimeProvider.System, node: "enqueuer"))
        {
            jobId = (await enqueuer.Manager.EnqueueAsync(1, cancellationToken: ct)).Job.Id;
        }

        Log("starting the first process");
        using (var first = ChildJobHost.Start(Provider, Database.ConnectionString, "first", blockAfter: 5))
        {
            await Eventually.UntilAsync(
                async () => (Job: await JobRows.GetAsync(Factory, jobId), Marks: await MarksAsync()),
                s => s.Job.State == JobStates.Executing && s.Marks.Count == 5 || first.HasExited,
                "the first process to be mid-job");
            first.HasExited.Should().BeFalse(first.Output);

            first.KillHard();
            Log($"killed the first process mid-job:\n{first.Output}");
        }

        var orphan = await JobRows.GetAsync(Factory, jobId);
        (orphan.State, orphan.Attempt, orphan.AttemptedBy).Should().Be((JobStates.Executing, 1, "first"), "a killed process updates nothing");

        // The dead process's heartbeat is made old at once (the child hosts rescue after 10 minutes, so that no stall of
        // a loaded machine makes a live job look dead): the next process rescues it at its first poll.
        await using (var db = await Factory.CreateDbContextAsync(ct))
        {
            var lastBeat = orphan.HeartbeatAt ?? DateTimeOffset.UtcNow;
            (await db.RefreshJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, (DateTimeOffset?)(lastBeat - TimeSpan.FromHours(1))), ct))
                .Should().Be(1);
        }

        using var second = ChildJobHost.Start(Provider, Database.ConnectionString, "second");
        var job = await Eventually.UntilAsync(
            () => JobRows.GetAsync(Factory, jobId), j => j.State == JobStates.Completed || second.HasExited, "the second process to complete the job");

        Log($"second process:\n{second.Output}");
        job.State.Should().Be(JobStates.Completed, second.Output);
        job.Attempt.Should().Be(2);
        job.AttemptedBy.Should().Be("second");
        job.Errors.Should().ContainSingle().Which.Message.Should().Contain("No heartbeat from first");
        var marks = await MarksAsync();
        marks.Select(m => m.Decade).Should().Equal(Cinegraph.Core.Scoring.MoviePredictor.Decades, "one mark per decade, none twice");
        marks.Should().OnlyContain(m => m.Attempt == 2, "the second attempt rewrote the first one's decades in place");
    }

    private static void Log(string text) => TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {text}");

    private async Task<List<(int Decade, int Attempt)>> MarksAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Factory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT decade, attempt FROM job_marks ORDER BY decade";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var marks = new List<(int, int)>();
        while (await reader.ReadAsync(ct))
        {
            marks.Add((Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return marks;
    }
}

public sealed class HardKillTestsOnSqlite() : HardKillTests(DatabaseProvider.Sqlite);

public sealed class HardKillTestsOnPostgres() : HardKillTests(DatabaseProvider.Postgres);
