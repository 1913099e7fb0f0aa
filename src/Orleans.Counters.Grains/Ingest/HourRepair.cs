namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Applies again, from the durable queue, what a new activation of an hour group lost: the parts of one
/// stream's unacknowledged messages between what it persisted and the message at hand, in order, each
/// planned as the first time (docs/exactly-once.md, the hour's reincarnation).
/// </summary>
/// <param name="acknowledger">Reads back the stream's unacknowledged messages.</param>
/// <param name="stream">The account's events stream.</param>
/// <param name="planner">Plans a message as its first application did.</param>
/// <param name="dispatch">Applies to the hour, with retries.</param>
/// <param name="logger">Logs what was applied again.</param>
public sealed partial class HourRepair(
    IEventAcknowledger acknowledger, StreamId stream, MessagePlanner planner, HourDispatch dispatch, ILogger logger)
{
    /// <summary>
    /// Applies to the activation <paramref name="incarnation"/> of <paramref name="hour"/>, in order, its parts of
    /// the unacknowledged messages after <paramref name="after"/> and before <paramref name="before"/>; returns
    /// how many it took (it drops those it has).
    /// </summary>
    public async Task<int> ReapplyAsync(CounterGroup hour, Guid incarnation, StreamPosition? after, StreamPosition before)
    {
        var unacknowledged = await acknowledger.ReadUnacknowledgedAsync(stream, after, before, CancellationToken.None);
        var reapplied = 0;
        foreach (var (position, batch, refused) in unacknowledged)
        {
            if (refused)
            {
                // Never expected: nothing after a refused dead letter is applied, so no hour's lost range reaches one.
                throw new InvalidOperationException($"{hour} lacks {position} of {stream.GetKeyAsString()}, a refused dead letter; it is repaired after the dead letter is replayed.");
            }

            if ((await planner.PlanAsync(batch)).FirstOrDefault(t => t.Hour == hour) is not { } touch)
            {
                continue;
            }

            var result = await dispatch.ApplyAsync(hour, touch.Increment(stream.GetKeyAsString(), position, incarnation));
            if (result.Outcome == HourApplyOutcome.Reincarnated)
            {
                throw new InvalidOperationException($"{hour} changed activation again while its lost messages were applied to it again.");
            }

            if (result.Outcome == HourApplyOutcome.Applied)
            {
                reapplied++;
            }
        }

        LogReapplied(logger, hour, reapplied, after, before);
        return reapplied;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Hour} is a new activation: re-applied {Count} unacknowledged messages to it, after {After} and before {Before}")]
    private static partial void LogReapplied(ILogger logger, CounterGroup hour, int count, StreamPosition? after, StreamPosition before);
}
