using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cinegraph.Tests.Web.Integration;

/// <summary>The log a page view leaves under the shipped <c>appsettings.json</c>: FusionCache speaks only at Warning and above.</summary>
public sealed class LogVolumeTests
{
    private const string FusionCacheCategory = "ZiggyCreatures.Caching.Fusion";

    [Fact]
    public async Task PageViewsLeaveNoFusionCacheEntriesBelowWarning()
    {
        var ct = TestContext.Current.CancellationToken;
        var captured = new CapturingLoggerProvider();
        await using var baseApp = await CinegraphAppFactory.CreateAsync(demo: true, ct);
        await using var app = baseApp.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddLogging(logging => logging.AddProvider(captured))));
        using var client = app.CreateClient();

        foreach (var url in new[] { "/predictions", "/predictions?decade=1990&profile=balanced", "/predictions" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        }

        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        loggers.CreateLogger($"{FusionCacheCategory}.FusionCache").IsEnabled(LogLevel.Information).Should().BeFalse();
        loggers.CreateLogger($"{FusionCacheCategory}.FusionCache").IsEnabled(LogLevel.Warning).Should().BeTrue();
        captured.Entries.Should().NotBeEmpty("the app's own Information entries still reach the provider");
        captured.Entries.Where(e => e.Category.StartsWith(FusionCacheCategory, StringComparison.Ordinal) && e.Level < LogLevel.Warning)
            .Should().BeEmpty();
    }

    private sealed record Entry(string Category, LogLevel Level);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider._entries.Enqueue(new Entry(category, logLevel));
        }
    }
}
