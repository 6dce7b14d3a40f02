using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// Polly pipelines for the queue's own database writes. <see cref="Transient"/> retries a few times (claims,
/// heartbeats, progress: a later tick or poll tries again anyway); <see cref="UntilDone"/> retries until the write
/// succeeds or its token fires (the final state of a job, which must not be lost to a database outage).
/// Both retry only <see cref="DatabaseErrors.IsTransient"/> errors, with exponential backoff and jitter.
/// </summary>
internal sealed class JobResilience
{
    /// <summary>Retries of <see cref="Transient"/> after the first try.</summary>
    public const int TransientRetries = 4;

    /// <summary>Names the operation in the retry log lines.</summary>
    public static readonly ResiliencePropertyKey<string> OperationKey = new("cinegraph.jobs.operation");

    public JobResilience(JobOptions jobs, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        Transient = Build(jobs, timeProvider, logger, TransientRetries);
        UntilDone = Build(jobs, timeProvider, logger, int.MaxValue);
    }

    public ResiliencePipeline Transient { get; }

    public ResiliencePipeline UntilDone { get; }

    private static ResiliencePipeline Build(JobOptions jobs, TimeProvider timeProvider, ILogger logger, int retries) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(DatabaseErrors.IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = jobs.DatabaseRetryDelay,
                MaxDelay = jobs.DatabaseRetryMaxDelay,
                MaxRetryAttempts = retries,
                OnRetry = args =>
                {
                    var operation = args.Context.Properties.GetValue(OperationKey, "database write");
                    JobsLog.DatabaseRetry(logger, operation, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            })
            .Build();

    /// <summary>Runs <paramref name="action"/> through <paramref name="pipeline"/>, naming it <paramref name="operation"/> in logs.</summary>
    public static async ValueTask<T> RunAsync<T>(
        ResiliencePipeline pipeline, string operation, Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(action);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(OperationKey, operation);
            return await pipeline.ExecuteAsync(static (ctx, state) => state(ctx.CancellationToken), context, action);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
