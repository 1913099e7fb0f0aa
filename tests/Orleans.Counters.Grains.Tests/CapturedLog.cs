using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A logger provider that keeps every message of the categories it is told to, for a test to read.</summary>
public sealed class CapturedLog(params string[] categories) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    /// <summary>The messages logged so far, formatted, in order.</summary>
    public IReadOnlyList<string> Messages => [.. _messages];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        categories.Contains(categoryName) ? new Logger(_messages) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
