using System.Threading.Channels;
using Orleans.Counters.Ship.Shipping;

namespace Orleans.Counters.Ship.Sending;

/// <summary>
/// Takes events from the queue in batches (full, or as old as the flush interval) and posts each
/// batch until the gateway takes or refuses it. One batch is in flight at a time, so events arrive
/// in the order they were read; while a batch is retried the queue fills, and then reading stops.
/// </summary>
public sealed class BatchSender(GatewayClient client, SenderOptions options, ShipCounters counters, ShipLog log)
{
    private readonly Backoff _backoff = new(options.MaxRetryDelay);
    private int _batchSize = options.BatchSize;

    /// <summary>Sends until the queue is completed and empty; <paramref name="abort"/> ends it at once.</summary>
    public async Task RunAsync(ChannelReader<byte[]> queue, CancellationToken abort)
    {
        var batch = new List<byte[]>(_batchSize);
        while (await FillAsync(queue, batch, abort))
        {
            await DeliverAsync(batch, abort);
            batch.Clear();
        }
    }

    /// <summary>Waits for an event, then gathers a batch; false when the queue is completed and empty.</summary>
    private async Task<bool> FillAsync(ChannelReader<byte[]> queue, List<byte[]> batch, CancellationToken abort)
    {
        if (!await queue.WaitToReadAsync(abort))
        {
            return false;
        }

        var deadline = DateTime.UtcNow + options.FlushInterval;
        long bytes = 0;
        while (true)
        {
            while (batch.Count < _batchSize && queue.TryPeek(out var next))
            {
                if (batch.Count > 0 && JsonArray.Size(batch.Count + 1, bytes + next.Length) > options.MaxBodyBytes)
                {
                    return true;
                }

                queue.TryRead(out _);
                batch.Add(next);
                bytes += next.Length;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (batch.Count >= _batchSize || remaining <= TimeSpan.Zero || !await WaitAsync(queue, remaining, abort))
            {
                return true;
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for more events; false when the time ran out or the queue is completed.</summary>
    private static async Task<bool> WaitAsync(ChannelReader<byte[]> queue, TimeSpan timeout, CancellationToken abort)
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

    private async Task DeliverAsync(IReadOnlyList<byte[]> batch, CancellationToken abort)
    {
        for (var failures = 0; ; failures++)
        {
            var outcome = await client.PostAsync(batch, abort);
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
                default:
                    var delay = _backoff.Delay(failures, outcome.RetryAfter);
                    log.Retrying(batch.Count, outcome.Detail, failures + 1, delay);
                    await Task.Delay(delay, abort);
                    break;
            }
        }
    }
}
