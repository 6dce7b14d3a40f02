using System.ComponentModel.DataAnnotations;

namespace Cinegraph.Core.Jobs;

/// <summary>The refresh queue, its worker, rescuer and pruner. Bound from the <c>Jobs</c> section, validated at start.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>How many jobs one node runs at a time; default 1, so a refresh cannot stampede the database.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 1;

    /// <summary>Attempts a job gets before it is discarded; default 3 (as the original's worker).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How often a running job writes its heartbeat and looks for a cancel request; default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A running job whose heartbeat is older than this is taken as dead (its node crashed) and rescued; default 10 s
    /// (five heartbeats). Must be at least three heartbeat intervals. Only the heartbeat counts, never the time since
    /// the job started, so a long job that is alive is never run twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.030", "1.00:00:00")]
    public TimeSpan RescueAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the worker looks in the table for due jobs the channel did not bring (scheduled retries, a full
    /// channel, jobs queued by another node) and rescues dead ones; default 2 s, so a dead node's job is claimed by
    /// another node at most <see cref="RescueAfter"/> + 2 s after its last heartbeat (one indexed query per poll).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Finished jobs (completed, cancelled, discarded) older than this are deleted; default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan PruneAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the worker prunes; default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most rows one prune statement deletes; default 1000.</summary>
    [Range(1, 100_000)]
    public int PruneBatchSize { get; set; } = 1000;

    /// <summary>
    /// Capacity of the in-memory channel of job ids; default 1000. When it is full, an id is dropped and found again by
    /// the next poll (the row, not the channel, is the truth).
    /// </summary>
    [Range(1, 1_000_000)]
    public int ChannelCapacity { get; set; } = 1000;

    /// <summary>
    /// On shutdown, how long running jobs may go on before they are cancelled and put back as available (without
    /// using an attempt); default 10 s. Keep it below the host's shutdown timeout (30 s by default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before the second attempt of a failed job, doubled for each later one, ±10 % jitter; default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay of the retries of a database write that failed transiently (then exponential, jittered); default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan DatabaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between retries of a database write; default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan DatabaseRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// This node's name, written to <see cref="RefreshJob.AttemptedBy"/>; default the machine name and the process id
    /// (<c>host:1234</c>). Must differ between processes that share a database.
    /// </summary>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string Node { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
