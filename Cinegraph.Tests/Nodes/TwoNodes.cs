using Cinegraph.Core.Catalog;
using Cinegraph.Core.Data;
using Cinegraph.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinegraph.Tests.Nodes;

/// <summary>
/// Two web nodes (<see cref="AppNode"/> processes <c>node-a</c> and <c>node-b</c>) on a fresh PostgreSQL database of their
/// own, which holds a generated demo catalogue before they start. Disposing kills both and drops the database.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    /// <summary>Films of the demo catalogue: small, so a refresh takes about a second on a loaded machine.</summary>
    public const int Films = 600;

    private TwoNodes(TestDatabase database, AppNode a, AppNode b)
    {
        Database = database;
        A = a;
        B = b;
    }

    public TestDatabase Database { get; }

    public AppNode A { get; }

    public AppNode B { get; }

    /// <summary>Both nodes' output, for failure messages.</summary>
    public string Output => A.Output() + "\n" + B.Output();

    /// <summary>
    /// Creates the database and starts both nodes at once; <paramref name="a"/> and <paramref name="b"/> are each node's own
    /// settings. The database is made on <paramref name="postgresServer"/> (a connection string to a server's
    /// <c>postgres</c> database), by default the one <c>CINEGRAPH_TEST_POSTGRES</c> names.
    /// </summary>
    public static async Task<TwoNodes> StartAsync(
        IReadOnlyDictionary<string, string>? a = null,
        IReadOnlyDictionary<string, string>? b = null,
        string environment = "Production",
        string? postgresServer = null,
        CancellationToken cancellationToken = default)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, cancellationToken: cancellationToken, postgresServer: postgresServer);
        var nodes = new List<AppNode>();
        try
        {
            var importer = new CatalogImporter(database.Factory, TimeProvider.System, NullLogger<CatalogImporter>.Instance);
            await importer.ImportAsync(DemoCatalogue.Generate(Films), DemoCatalogue.Source, isDemo: true, cancellationToken: cancellationToken);
            var starting = new[]
            {
                AppNode.StartAsync("node-a", database.ConnectionString, a, environment, cancellationToken),
                AppNode.StartAsync("node-b", database.ConnectionString, b, environment, cancellationToken),
            };
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            return new TwoNodes(database, nodes[0], nodes[1]);
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node named <paramref name="name"/> (a job's <c>AttemptedBy</c>).</summary>
    public AppNode Named(string? name) =>
        name == A.Name ? A : name == B.Name ? B : throw new InvalidOperationException($"No node is named '{name}'.");

    /// <summary>The node that is not <paramref name="node"/>.</summary>
    public AppNode Other(AppNode node) => node == A ? B : A;

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Database.DisposeAsync();
    }
}
