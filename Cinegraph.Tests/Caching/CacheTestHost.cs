using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Core.Events;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Predictions;
using Cinegraph.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace Cinegraph.Tests.Caching;

/// <summary>The cache's real parts wired by hand over one test database: read path, writer, calculation.</summary>
internal sealed class CacheTestHost : IDisposable
{
    private readonly FusionCache _fusion = new(new FusionCacheOptions());

    public CacheTestHost(IDbContextFactory<CinegraphDbContext> factory, CacheOptions? options = null, TimeProvider? time = null, ILogger<CacheRowVerdicts>? verdictLogger = null)
    {
        Factory = factory;
        Time = time ?? TimeProvider.System;
        Events = new InProcessPredictionEvents(NullLogger<InProcessPredictionEvents>.Instance);
        Verdicts = new CacheRowVerdicts(verdictLogger ?? NullLogger<CacheRowVerdicts>.Instance);
        State = new CatalogueState(factory, Events, Time, NullLogger<CatalogueState>.Instance);
        Cache = new PredictionsCache(factory, _fusion, Options.Create(options ?? new CacheOptions()), Verdicts, State, NullLogger<PredictionsCache>.Instance);
        Writer = new PredictionCacheWriter(factory, Cache, Time, Options.Create(options ?? new CacheOptions()), NullLogger<PredictionCacheWriter>.Instance);
        Calculation = new RefreshCalculation(
            factory, new FeatureSnapshotLoader(factory), new Core.Scoring.Learned.LearnedModelStore(factory, Cache, Time), Writer, new DatabaseStorage(factory, NullLogger<DatabaseStorage>.Instance), Events, Time);
        Profiles = new ProfileService(factory, Cache);
    }

    /// <summary>The memory level under <see cref="Cache"/>, e.g. to expire an entry without waiting.</summary>
    public FusionCache Fusion => _fusion;

    public IDbContextFactory<CinegraphDbContext> Factory { get; }

    public TimeProvider Time { get; }

    public InProcessPredictionEvents Events { get; }

    /// <summary>Shared by the read path and any status reader built over this host, as in the app.</summary>
    public CacheRowVerdicts Verdicts { get; }

    /// <summary>The versions and jobs the read path judges rows against, in memory.</summary>
    public CatalogueState State { get; }

    public PredictionsCache Cache { get; }

    public PredictionCacheWriter Writer { get; }

    public RefreshCalculation Calculation { get; }

    public ProfileService Profiles { get; }

    public static Task<ImportResult> ImportDemoAsync(IDbContextFactory<CinegraphDbContext> factory, int films = 400, int seed = 1001) =>
        new CatalogImporter(factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance)
            .ImportAsync(DemoCatalogue.Generate(films, seed), DemoCatalogue.Source, isDemo: true, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Runs the real calculation for <paramref name="profileId"/> as a job would, recording its progress.</summary>
    public async Task<List<(int Done, int Total, string? Note)>> RefreshAsync(int profileId, IReadOnlyList<int>? decades = null, bool includeValidation = true)
    {
        var job = new RefreshJob
        {
            Id = 42,
            Kind = JobKinds.RefreshProfile,
            ProfileId = profileId,
            Decades = [.. decades ?? MoviePredictor.Decades],
            IncludeValidation = includeValidation,
            UniqueKey = $"refresh:{profileId}",
            State = JobStates.Executing,
        };
        var progress = new RecordingProgress();
        await Calculation.ExecuteAsync(job, progress, TestContext.Current.CancellationToken);
        return progress.Reports;
    }

    public void Dispose()
    {
        State.Dispose();
        _fusion.Dispose();
    }

    private sealed class RecordingProgress : IJobProgress
    {
        public List<(int, int, string?)> Reports { get; } = [];

        public Task ReportAsync(int done, int total, string? note, CancellationToken cancellationToken)
        {
            Reports.Add((done, total, note));
            return Task.CompletedTask;
        }
    }
}
