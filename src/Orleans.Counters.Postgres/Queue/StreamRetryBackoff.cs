using Orleans.Runtime.Providers;
using Orleans.Counters.Retries;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// How long a pulling agent waits before it retries a failed read of its queue or a failed delivery
/// to a consumer: doubling from <paramref name="first"/> up to <paramref name="longest"/> (a <see cref="Backoff"/>).
/// Orleans' defaults (10 to 20 s for reads, up to 30 s for deliveries) left counting stalled for a minute
/// after a ten-second database outage; a retry costs one cheap query here, so retry sooner.
/// </summary>
public sealed class StreamRetryBackoff(TimeSpan first, TimeSpan longest) : IQueueReaderBackoffProvider, IMessageDeliveryBackoffProvider
{
    private readonly Backoff _backoff = new(first, longest);

    /// <inheritdoc />
    /// <remarks>Orleans counts attempts from 0: the first retry waits <paramref name="first"/>.</remarks>
    public TimeSpan Next(int attempt) => _backoff.Delay(Math.Max(attempt, 0) + 1);
}
