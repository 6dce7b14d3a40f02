using Microsoft.Extensions.Logging;

namespace Cinegraph.Tests.Jobs;

/// <summary>Writes log lines to the running test's output (shown when it fails), prefixed by the node name.</summary>
internal sealed class TestOutputLoggerProvider(string node) : ILoggerProvider
{
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        try
        {
            _output?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{node}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has ended; a late background line is dropped.
        }
    }

    private sealed class Logger(TestOutputLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}";
            provider.Write(exception is null ? text : $"{text}: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
