using System.Net;
using Cinegraph.Core.Caching;
using Cinegraph.Core.Jobs;
using Cinegraph.Core.Scoring;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Cinegraph.Tests.Nodes;

/// <summary>
/// Two app processes of different algorithm versions on one database (issue 9, "Bad input and faults"): node B runs a
/// newer version (<c>Cache:AlgorithmVersion</c>). Each row records the version that wrote it; the older node keeps a
/// newer row instead of overwriting it and its page says so; the newer node calls an older row stale and replaces it.
/// </summary>
public sealed class MixedAlgorithmVersionTests
{
    private const string NewerVersion = "2099.1.0";

    private const int BalancedId = 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOlderNodeKeepsRowsOfANewerAlgorithmAndItsPageSaysSo()
    {
        await using var nodes = await StartOlderAndNewerAsync();
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);
        using var adminB = await nodes.B.ClientAsync(signIn: true, Ct);

        await RefreshAsync(nodes, adminB, "balanced");
        var written = await RowAsync(nodes, BalancedId);
        written.Metadata.AlgorithmVersion.Should().Be(NewerVersion);

        await RefreshAsync(nodes, adminA, "balanced");

        var kept = await RowAsync(nodes, BalancedId);
        kept.Metadata.AlgorithmVersion.Should().Be(NewerVersion, "the older node does not overwrite a newer row");
        kept.CalculatedAt.Should().Be(written.CalculatedAt);
        var pageOnA = await Eventually.UntilAsync(
            () => PageAsync(adminA, "balanced"), html => html.Contains("algorithm-note", StringComparison.Ordinal), "node A's page to note the newer algorithm");
        pageOnA.Should().Contain($"computed with algorithm {NewerVersion}, newer than this node's {ScoringService.AlgorithmVersion}").And.NotContain("stale-badge");
        (await PageAsync(adminB, "balanced")).Should().NotContain("algorithm-note").And.NotContain("stale-badge");
        nodes.A.Output().Should().Contain($"was written by algorithm {NewerVersion}, newer than this node's {ScoringService.AlgorithmVersion}: kept");
    }

    [Fact]
    public async Task ANewerNodeCallsRowsOfAnOlderAlgorithmStaleAndReplacesThem()
    {
        await using var nodes = await StartOlderAndNewerAsync();
        using var adminA = await nodes.A.ClientAsync(signIn: true, Ct);
        using var adminB = await nodes.B.ClientAsync(signIn: true, Ct);

        await RefreshAsync(nodes, adminA, "balanced");
        (await RowAsync(nodes, BalancedId)).Metadata.AlgorithmVersion.Should().Be(ScoringService.AlgorithmVersion);
        var pageOnB = await Eventually.UntilAsync(
            () => PageAsync(adminB, "balanced"), html => html.Contains("stale-badge", StringComparison.Ordinal), "node B's page to call the row stale");
        pageOnB.Should().Contain($"algorithm changed ({ScoringService.AlgorithmVersion} → {NewerVersion})");
        (await PageAsync(adminA, "balanced")).Should().NotContain("stale-badge").And.NotContain("algorithm-note");

        await RefreshAsync(nodes, adminB, "balanced");

        (await RowAsync(nodes, BalancedId)).Metadata.AlgorithmVersion.Should().Be(NewerVersion);
        await Eventually.UntilAsync(
            () => PageAsync(adminB, "balanced"), html => !html.Contains("stale-badge", StringComparison.Ordinal), "node B's page to show the new row as fresh");
    }

    private static async Task RefreshAsync(TwoNodes nodes, HttpClient admin, string profile)
    {
        var jobId = await NodeRequests.RefreshAsync(admin, profile);
        var job = await Eventually.UntilAsync(
            () => JobRows.GetAsync(nodes.Database.Factory, jobId), j => JobStates.IsFinished(j.State), $"job {jobId} to finish");
        job.State.Should().Be(JobStates.Completed, nodes.Output);
    }

    private static async Task<(CacheMetadata Metadata, DateTimeOffset CalculatedAt)> RowAsync(TwoNodes nodes, int profileId)
    {
        await using var db = await nodes.Database.Factory.CreateDbContextAsync(Ct);
        var row = await db.PredictionCache.AsNoTracking().SingleAsync(r => r.ProfileId == profileId && r.Decade == 2020, Ct);
        return (CacheRowDecoder.Metadata(row.Metadata).Value!, row.CalculatedAt);
    }

    /// <summary>The predictions page as the node serves it (prerendered), its HTML entities decoded.</summary>
    private static async Task<string> PageAsync(HttpClient client, string profile) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/predictions?decade=2020&profile={profile}", UriKind.Relative), Ct));

    // Node A runs the compiled algorithm version, node B a newer one. Neither node polls, so a job runs on the node it
    // was queued on.
    private static Task<TwoNodes> StartOlderAndNewerAsync()
    {
        TestDatabase.RequirePostgresServer();
        var older = new Dictionary<string, string> { ["Jobs:PollInterval"] = "01:00:00" };
        var newer = new Dictionary<string, string>(older) { ["Cache:AlgorithmVersion"] = NewerVersion };
        return TwoNodes.StartAsync(older, newer, cancellationToken: Ct);
    }
}
