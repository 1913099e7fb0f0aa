namespace Orleans.Counters.Client;

/// <summary>
/// Puts one account's events on its stream so that publishes arriving while a message of that account is on
/// its way go together as the next message: many single-event requests for one account become a few
/// messages, so one ingest grain turn and one call per hour carry many events (issue 18, item 3).
/// Each publish's events stay together in one message (all or none of a request), and a publish completes
/// once the message holding its events is queued, or fails with that message's failure.
/// </summary>
/// <param name="send">Puts one message on an account's stream; completes once it is queued.</param>
/// <param name="maxEventsPerMessage">
/// Publishes are joined while the message stays within this many events; a single publish larger than that
/// goes alone.
/// </param>
public sealed class AccountMessageCoalescer(Func<EventBatch, Task> send, int maxEventsPerMessage = AccountMessageCoalescer.DefaultMaxEventsPerMessage)
{
    /// <summary>The events a joined message holds at most, unless one publish alone holds more.</summary>
    public const int DefaultMaxEventsPerMessage = 10_000;

    private readonly Lock _lock = new();

    // Accounts with a message on its way, each with the publishes waiting for the next one.
    private readonly Dictionary<string, Queue<Publish>> _waiting = new(StringComparer.Ordinal);

    /// <summary>
    /// Puts <paramref name="events"/> (all of one account) on the account's stream, in the next message of
    /// that account; completes once that message is queued.
    /// </summary>
    public Task PublishAsync(string account, ImmutableArray<CounterEvent> events, DateTime publishedAt)
    {
        var publish = new Publish(events, publishedAt, CountersActivitySource.CurrentTraceParent());
        lock (_lock)
        {
            if (_waiting.TryGetValue(account, out var queue))
            {
                queue.Enqueue(publish);
                return publish.Queued.Task;
            }

            _waiting.Add(account, new Queue<Publish>());
        }

        _ = SendInTurnAsync(account, [publish]);
        return publish.Queued.Task;
    }

    /// <summary>Sends <paramref name="joined"/> as one message, then what waited meanwhile, until nothing waits.</summary>
    private async Task SendInTurnAsync(string account, List<Publish> joined)
    {
        while (true)
        {
            try
            {
                await send(new EventBatch(account, Join(joined))
                {
                    PublishedAt = joined.Min(p => p.PublishedAt),
                    TraceParents = CountersActivitySource.TraceParentsOf(joined.Select(p => p.TraceParent)),
                });
                joined.ForEach(p => p.Queued.TrySetResult());
            }
            catch (Exception exception)
            {
                joined.ForEach(p => p.Queued.TrySetException(exception));
            }

            lock (_lock)
            {
                var queue = _waiting[account];
                if (queue.Count == 0)
                {
                    _waiting.Remove(account);
                    return;
                }

                joined = TakeJoinable(queue);
            }
        }
    }

    private List<Publish> TakeJoinable(Queue<Publish> queue)
    {
        var joined = new List<Publish> { queue.Dequeue() };
        var events = joined[0].Events.Length;
        while (queue.TryPeek(out var next) && events + next.Events.Length <= maxEventsPerMessage)
        {
            joined.Add(queue.Dequeue());
            events += next.Events.Length;
        }

        return joined;
    }

    private static ImmutableArray<CounterEvent> Join(List<Publish> joined)
    {
        if (joined.Count == 1)
        {
            return joined[0].Events;
        }

        var events = ImmutableArray.CreateBuilder<CounterEvent>(joined.Sum(p => p.Events.Length));
        joined.ForEach(p => events.AddRange(p.Events));
        return events.MoveToImmutable();
    }

    // TraceParent: the publishing request's trace context, carried in the message.
    private sealed record Publish(ImmutableArray<CounterEvent> Events, DateTime PublishedAt, string? TraceParent)
    {
        public TaskCompletionSource Queued { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
