namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Keeps a stream's order around its dead letters. A message that fails every time (a poison message) is not
/// retried forever: each failed delivery is counted in the queue, and the one that reaches the queue's limit
/// makes it a dead letter; the stream's later messages then wait among the dead letters behind it, so that
/// none is applied before it when an operator replays them (docs/exactly-once.md, item 8).
/// </summary>
/// <param name="acknowledger">Counts failed deliveries and keeps the dead letters.</param>
/// <param name="stream">The account's events stream.</param>
/// <param name="logger">Logs dead letters and held messages.</param>
public sealed partial class DeadLetterGate(IEventAcknowledger acknowledger, StreamId stream, ILogger logger)
{
    /// <summary>The first refused dead letter of this stream: later messages wait behind it until it is replayed.</summary>
    public StreamPosition? DeadLetter { get; private set; }

    private string Account => stream.GetKeyAsString();

    /// <summary>Records a refused dead letter read back from the queue: nothing after it is applied.</summary>
    public void Refused(StreamPosition position) => DeadLetter = position;

    /// <summary>True when <paramref name="position"/> must wait behind the refused dead letter, given in <paramref name="deadLetter"/>.</summary>
    public bool MustWait(StreamPosition position, out StreamPosition deadLetter)
    {
        deadLetter = DeadLetter.GetValueOrDefault();
        return DeadLetter is { } dead && position > dead;
    }

    /// <summary>The message at <paramref name="position"/> was applied: a replayed dead letter lets its stream flow again.</summary>
    public void Applied(StreamPosition position)
    {
        if (DeadLetter == position)
        {
            DeadLetter = null;
        }
    }

    /// <summary>A message behind a refused dead letter of its stream joins it among the dead letters, unapplied.</summary>
    public async Task HoldAsync(StreamPosition position, StreamPosition deadLetter)
    {
        await acknowledger.HoldAsync(stream, position, deadLetter, CancellationToken.None);
        LogHeld(logger, Account, position, deadLetter);
    }

    /// <summary>
    /// Applying the message at <paramref name="failed"/> threw: counts the failure in the queue. Returns true
    /// when the stream goes on without it (it became a dead letter, or was acknowledged meanwhile); false when
    /// the delivery is to fail and be retried. A failure of the cluster (<see cref="ClusterFailure"/>) is not
    /// counted: the message is retried until the cluster serves again.
    /// </summary>
    public async Task<bool> GiveUpAsync(StreamPosition failed, Exception exception)
    {
        if (ClusterFailure.Is(exception))
        {
            LogClusterFailure(logger, exception, Account, failed);
            return false;
        }

        FailedDelivery outcome;
        try
        {
            outcome = await acknowledger.RecordFailureAsync(stream, failed, exception, CancellationToken.None);
        }
        catch (Exception recordError)
        {
            LogFailureNotRecorded(logger, recordError, Account, failed);
            return false;
        }

        if (outcome == FailedDelivery.Retry)
        {
            return false;
        }

        if (outcome == FailedDelivery.DeadLettered)
        {
            DeadLetter = DeadLetter is { } known && known < failed ? known : failed;
            LogDeadLettered(logger, exception, Account, failed);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Account}: message {Position} failed on every delivery and is a dead letter now; the stream's later messages wait behind it until it is replayed (POST /api/admin/dead-letters/replay)")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, string account, StreamPosition position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Account}: message {Position} waits among the dead letters behind {DeadLetter}")]
    private static partial void LogHeld(ILogger logger, string account, StreamPosition position, StreamPosition deadLetter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Account}: applying message {Position} failed on the cluster, not on the message; it is retried and not counted towards the dead letters")]
    private static partial void LogClusterFailure(ILogger logger, Exception exception, string account, StreamPosition position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Account}: the failed delivery of {Position} could not be counted in the queue; it is retried")]
    private static partial void LogFailureNotRecorded(ILogger logger, Exception exception, string account, StreamPosition position);
}
