using Cinegraph.Core.Caching;
using Cinegraph.Core.Catalog;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace Cinegraph.Core.Predictions;

/// <summary>
/// A film's facts for the details dialog (runtime, genres, countries, awards, lists: the cache rows do not carry them),
/// read once per film and data version and then held in memory for <see cref="CacheOptions.L1Duration"/>, so opening a
/// film again (or the interactive render after the prerender, or another visitor of a shared link) runs no SQL. An import
/// changes the data version in <see cref="CatalogueState"/>, and with it the key.
/// </summary>
public sealed class FilmFactsQuery(CatalogService catalog, CatalogueState state, IFusionCache cache, IOptions<CacheOptions> options)
{
    public async Task<FilmFacts> GetAsync(int movieId, CancellationToken cancellationToken = default)
    {
        var version = (await state.GetAsync(cancellationToken)).DataVersion;
        return await cache.GetOrSetAsync<FilmFacts>(
            Key(version, movieId),
            (_, ct) => catalog.GetFilmFactsAsync(movieId, ct),
            new FusionCacheEntryOptions(options.Value.L1Duration),
            cancellationToken);
    }

    /// <summary>The memory key of a film's facts under a data version.</summary>
    public static string Key(int dataVersion, int movieId) => $"film:{dataVersion}:{movieId}";
}
