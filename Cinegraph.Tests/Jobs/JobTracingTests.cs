using System.Collections.Concurrent;
using System.Diagnostics;
using Cinegraph.Core.Data;
using Cinegraph.Core.Jobs;
using Cinegraph.Tests.Infrastructure;

namespace Cinegraph.Tests.Jobs;

/// <summary>Each job attempt is one span of the <c>Cinegraph.Jobs</c> activity source (issue 9, item 6).</summary>
public abstract class JobTracingTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAttemptThatCompletesIsOneSpanTaggedWithTheJobAndItsState()
    {
        var node = $"trace-{Guid.NewGuid():N}";
        using var spans = new SpanRecorder(node);
        await using var worker = new JobNode(Factory, TimeProvider.System, node: node);
        await worker.StartAsync();

        var job = (await worker.Manager.EnqueueAsync(1, cancellationToken: Ct)).Job;
        await JobRows.WaitForStateAsync(Factory, job.Id, JobStates.Completed);
        await Eventually.UntilAsync(() => spans.Stopped.Count == 1, "the attempt's span to end");

        var span = spans.Stopped.Single();
        span.OperationName.Should().Be(JobTracing.AttemptSpan);
        span.GetTagItem("cinegraph.job.id").Should().Be(job.Id);
        span.GetTagItem("cinegraph.job.attempt").Should().Be(1);
        span.GetTagItem("cinegraph.job.state").Should().Be(JobStates.Completed);
        span.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task AnAttemptThatFailsIsASpanMarkedAsAnErrorWithTheStateItLeftTheJobIn()
    {
        var node = $"trace-{Guid.NewGuid():N}";
        using var spans = new SpanRecorder(node);
        var handler = new TestJobHandler { Body = (_, _, _) => throw new IOException("the disk is full") };
        await using var worker = new JobNode(Factory, TimeProvider.System, handler, o => o.MaxAttempts = 1, node);
        await worker.StartAsync();

        var job = (await worker.Manager.EnqueueAsync(1, cancellationToken: Ct)).Job;
        await JobRows.WaitForStateAsync(Factory, job.Id, JobStates.Discarded);
        await Eventually.UntilAsync(() => spans.Stopped.Count == 1, "the attempt's span to end");

        var span = spans.Stopped.Single();
        span.GetTagItem("cinegraph.job.state").Should().Be(JobStates.Discarded);
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.StatusDescription.Should().Be(nameof(IOException));
    }

    /// <summary>The ended spans of one node's attempts (other tests' workers run at the same time).</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _stopped = new();

        public SpanRecorder(string node)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == JobTracing.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (Equals(activity.GetTagItem("cinegraph.job.node"), node))
                    {
                        _stopped.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Stopped => [.. _stopped];

        public void Dispose() => _listener.Dispose();
    }
}

public sealed class JobTracingTestsOnSqlite() : JobTracingTests(DatabaseProvider.Sqlite);

public sealed class JobTracingTestsOnPostgres() : JobTracingTests(DatabaseProvider.Postgres);
