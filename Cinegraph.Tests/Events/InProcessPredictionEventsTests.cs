using Cinegraph.Core.Events;
using Cinegraph.Tests.Jobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Tests.Events;

public sealed class InProcessPredictionEventsTests
{
    [Fact]
    public async Task PublishingCompletesWhileASubscriberIsBlockedForever()
    {
        var events = new InProcessPredictionEvents(NullLogger<InProcessPredictionEvents>.Instance);
        var never = new TaskCompletionSource();
        var blockedOn = new TaskCompletionSource<PredictionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var others = new List<PredictionEvent>();
        var otherGotBoth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var blocked = events.Subscribe(e =>
        {
            blockedOn.TrySetResult(e);
            return never.Task;
        });
        using var other = events.Subscribe(e =>
        {
            lock (others)
            {
                others.Add(e);
                if (others.Count == 2)
                {
                    otherGotBoth.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });

        var first = events.PublishAsync(new RefreshQueued(1, 1), TestContext.Current.CancellationToken);
        (await blockedOn.Task.WaitAsync(Eventually.Timeout, TestContext.Current.CancellationToken)).Should().Be(new RefreshQueued(1, 1));
        var second = events.PublishAsync(new RefreshProgress(1, 1, 1, 3, null), TestContext.Current.CancellationToken);

        first.IsCompletedSuccessfully.Should().BeTrue(because: "publishing only queues");
        second.IsCompletedSuccessfully.Should().BeTrue(because: "a subscriber blocked on a task that never completes does not hold the publisher");
        await otherGotBoth.Task.WaitAsync(Eventually.Timeout, TestContext.Current.CancellationToken);
        others.Should().Equal(new RefreshQueued(1, 1), new RefreshProgress(1, 1, 1, 3, null));
        never.Task.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task AThrowingSubscriberGetsItsLaterEventsAndDoesNotStopTheOthers()
    {
        var events = new InProcessPredictionEvents(NullLogger<InProcessPredictionEvents>.Instance);
        var seen = new List<long>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var throwing = events.Subscribe(e =>
        {
            lock (seen)
            {
                seen.Add(e.JobId);
                if (seen.Count == 2)
                {
                    done.TrySetResult();
                }
            }

            throw new InvalidOperationException("a broken page");
        });

        await events.PublishAsync(new RefreshQueued(1, 1), TestContext.Current.CancellationToken);
        await events.PublishAsync(new RefreshQueued(2, 1), TestContext.Current.CancellationToken);

        await done.Task.WaitAsync(Eventually.Timeout, TestContext.Current.CancellationToken);
        seen.Should().Equal(1, 2);
    }
}
