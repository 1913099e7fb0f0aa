namespace Orleans.Counters.Ship.Sending;

/// <summary>How events are gathered into requests and how failed requests are retried.</summary>
/// <param name="BatchSize">The most events in one request.</param>
/// <param name="MaxBodyBytes">The largest request body.</param>
/// <param name="FlushInterval">The longest an event waits for its batch to fill.</param>
/// <param name="MaxRetryDelay">The longest wait between two attempts, <c>Retry-After</c> included.</param>
public sealed record SenderOptions(int BatchSize, int MaxBodyBytes, TimeSpan FlushInterval, TimeSpan MaxRetryDelay);
