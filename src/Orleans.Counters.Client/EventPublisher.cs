using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Client;

/// <summary>
/// Puts validated events on the events stream through the process's <see cref="IEventWriter"/>: in
/// PostgreSQL mode every event of the call is committed in one transaction, all or none, and events
/// whose id was seen within the idempotency window are left out; without a writer registered, they
/// go on Orleans' stream (<see cref="StreamEventWriter"/>).
/// </summary>
public sealed class EventPublisher(IClusterClient client)
{
    private readonly IEventWriter _writer = client.ServiceProvider.GetService<IEventWriter>() ?? new StreamEventWriter(client);

    /// <summary>Publishes the events; returns once every message is committed (durable queue) or queued (memory streams).</summary>
    public async Task PublishAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken = default) =>
        await _writer.WriteAsync(events, cancellationToken);
}
