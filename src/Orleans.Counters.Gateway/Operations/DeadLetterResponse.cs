using System.Globalization;
using Orleans.Counters.Postgres.Queue;

namespace Orleans.Counters.Gateway.Operations;

/// <summary>One dead letter of the durable events queue.</summary>
/// <param name="Id">Its id for a replay: queue:sequence.</param>
/// <param name="Queue">The queue (partition) it was in.</param>
/// <param name="Sequence">Its sequence in that queue: its position in its stream.</param>
/// <param name="Stream">The stream namespace.</param>
/// <param name="Account">The account: the stream's key.</param>
/// <param name="Deliveries">How many times it was leased.</param>
/// <param name="Failures">How many times its consumer failed to apply it.</param>
/// <param name="Error">Why its consumer refused it (the last error, or the dead letter it waits behind); null when it was never acknowledged.</param>
/// <param name="EnqueuedAt">When it was enqueued.</param>
/// <param name="DeadAt">When it became a dead letter.</param>
public sealed record DeadLetterResponse(
    string Id, int Queue, long Sequence, string Stream, string Account, int Deliveries, int Failures, string? Error, DateTimeOffset EnqueuedAt, DateTimeOffset DeadAt)
{
    /// <summary>The answer for <paramref name="deadLetter"/>.</summary>
    public static DeadLetterResponse Of(DeadLetter deadLetter) => new(
        IdOf(deadLetter.Queue, deadLetter.Sequence),
        deadLetter.Queue,
        deadLetter.Sequence,
        deadLetter.Stream.GetNamespace() ?? "",
        deadLetter.Stream.GetKeyAsString(),
        deadLetter.Deliveries,
        deadLetter.Failures,
        deadLetter.Error,
        deadLetter.EnqueuedAt,
        deadLetter.DeadAt);

    /// <summary>The id of the dead letter at (<paramref name="queue"/>, <paramref name="sequence"/>).</summary>
    public static string IdOf(int queue, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{queue}:{sequence}");

    /// <summary>Reads an <see cref="IdOf(int, long)"/>; null when it is not one.</summary>
    public static (int Queue, long Sequence)? ParseId(string id)
    {
        var parts = id.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var queue)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            && sequence > 0
                ? (queue, sequence)
                : null;
    }
}
