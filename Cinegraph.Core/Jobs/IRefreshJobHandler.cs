namespace Cinegraph.Core.Jobs;

/// <summary>
/// The work of a refresh job, run by the worker after it claimed the job. It must be re-runnable (an attempt may be
/// repeated after a crash) and must honour the token (cancel, shutdown).
/// </summary>
public interface IRefreshJobHandler
{
    /// <summary>Computes and stores what <paramref name="job"/> asks for, reporting each finished step.</summary>
    Task ExecuteAsync(RefreshJob job, IJobProgress progress, CancellationToken cancellationToken);
}

/// <summary>Where a running job reports its steps; the worker writes them to the job row, then publishes them.</summary>
public interface IJobProgress
{
    Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken);
}
