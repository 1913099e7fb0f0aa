using Orleans.Runtime.Providers;

namespace Orleans.Counters.Streaming.Postgres;

/// <summary>
/// How long a pulling agent waits before it retries a failed read of its queue or a failed delivery
/// to a consumer: doubling from <see cref="First"/> up to <see cref="Longest"/>. Orleans' defaults
/// (10 to 20 s for reads, up to 30 s for deliveries) left counting stalled for a minute after a
/// ten-second database outage; a retry costs one cheap query here, so retry sooner.
/// </summary>
public sealed class StreamRetryBackoff(TimeSpan first, TimeSpan longest) : IQueueReaderBackoffProvider, IMessageDeliveryBackoffProvider
{
    /// <summary>The first delay.</summary>
    public TimeSpan First { get; } = first;

    /// <summary>The longest delay.</summary>
    public TimeSpan Longest { get; } = longest;

    /// <inheritdoc />
    public TimeSpan Next(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(Longest.Ticks, First.Ticks * Math.Pow(2, Math.Clamp(attempt, 0, 30))));
}
