using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>Keeps what is logged, to check that something was logged at the right level.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    /// <summary>The entries, oldest first.</summary>
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception)));
}
