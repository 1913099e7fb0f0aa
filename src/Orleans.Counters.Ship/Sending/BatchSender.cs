using System.Threading.Channels;
using Orleans.Counters.Ship.Shipping;

namespace Orleans.Counters.Ship.Sending;

/// <summary>
/// Takes events from the queue in batches (full, or as old as the flush interval) and posts each
/// batch until the gateway takes or refuses it. One batch is in flight at a time, so events arrive
/// in the order they were read; while a batch is retried the queue fills, and then reading stops.
/// Because batches are settled in order, once one is delivered (or refused for good) every line up
/// to its last event's checkpoint is settled: that checkpoint is handed to <paramref name="settled"/>.
/// A 401 or 403 ends the run with <see cref="KeyRefusedException"/>.
/// </summary>
/// <param name="client">Posts the batches.</param>
/// <param name="options">Batch sizes and retry delays.</param>
/// <param name="counters">Counts what was shipped and rejected.</param>
/// <param name="log">Reports failures.</param>
/// <param name="settled">Told the checkpoint of each batch settled (the position file is written from it); may be null.</param>
public sealed class BatchSender(GatewayClient client, SenderOptions options, ShipCounters counters, ShipLog log, Action<Input.FilePosition>? settled = null, TimeProvider? clock = null)
{
    private readonly RetryWait _retryWait = new(options.MaxRetryDelay);
    private int _batchSize = options.BatchSize;

    private DateTime Now => (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    /// <summary>Sends until the queue is completed and empty; <paramref name="abort"/> ends it at once.</summary>
    public async Task RunAsync(ChannelReader<QueuedEvent> queue, CancellationToken abort)
    {
        var batch = new List<QueuedEvent>(_batchSize);
        while (await FillAsync(queue, batch, abort))
        {
            await DeliverAsync(batch, abort);
            if (settled is not null && batch.LastOrDefault(e => e.Checkpoint is not null)?.Checkpoint is { } checkpoint)
            {
                settled(checkpoint);
            }

            batch.Clear();
        }
    }

    /// <summary>Waits for an event, then gathers a batch; false when the queue is completed and empty.</summary>
    private async Task<bool> FillAsync(ChannelReader<QueuedEvent> queue, List<QueuedEvent> batch, CancellationToken abort)
    {
        if (!await queue.WaitToReadAsync(abort))
        {
            return false;
        }

        var deadline = Now + options.FlushInterval;
        long bytes = 0;
        while (true)
        {
            while (batch.Count < _batchSize && queue.TryPeek(out var next))
            {
                if (batch.Count > 0 && JsonArray.Size(batch.Count + 1, bytes + next.Json.Length) > options.MaxBodyBytes)
                {
                    return true;
                }

                queue.TryRead(out _);
                batch.Add(next);
                bytes += next.Json.Length;
            }

            var remaining = deadline - Now;
            if (batch.Count >= _batchSize || remaining <= TimeSpan.Zero || !await WaitAsync(queue, remaining, abort))
            {
                return true;
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for more events; false when the time ran out or the queue is completed.</summary>
    private static async Task<bool> WaitAsync(ChannelReader<QueuedEvent> queue, TimeSpan timeout, CancellationToken abort)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timer.CancelAfter(timeout);
        try
        {
            return await queue.WaitToReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task DeliverAsync(IReadOnlyList<QueuedEvent> batch, CancellationToken abort)
    {
        var events = batch.Select(e => e.Json).ToList();
        for (var failures = 0; ; failures++)
        {
            var outcome = await client.PostAsync(events, abort);
            switch (outcome.Kind)
            {
                case DeliveryKind.Delivered:
                    counters.AddShipped(batch.Count);
                    if (failures > 0)
                    {
                        log.Recovered(batch.Count, failures);
                    }

                    return;
                case DeliveryKind.Rejected:
                    counters.AddRejected(batch.Count);
                    log.Rejected(batch.Count, outcome.Detail);
                    return;
                case DeliveryKind.TooLarge when batch.Count > 1:
                    // The gateway's limits are below ours: send halves, and smaller batches from now on.
                    var half = batch.Count / 2;
                    _batchSize = Math.Min(_batchSize, half);
                    log.TooLarge(batch.Count, _batchSize, outcome.Detail);
                    await DeliverAsync([.. batch.Take(half)], abort);
                    await DeliverAsync([.. batch.Skip(half)], abort);
                    return;
                case DeliveryKind.TooLarge:
                    counters.AddRejected(batch.Count);
                    log.Rejected(batch.Count, outcome.Detail);
                    return;
                case DeliveryKind.KeyRefused:
                    throw new KeyRefusedException(outcome.Detail);
                default:
                    var delay = _retryWait.Delay(failures, outcome.RetryAfter);
                    log.Retrying(batch.Count, outcome.Detail, failures + 1, delay);
                    await Task.Delay(delay, abort);
                    break;
            }
        }
    }
}
