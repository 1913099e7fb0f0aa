using System.Threading.Channels;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// Gathers the acknowledgements of a silo's consumers (one ingest grain per account, each acknowledging
/// its own stream) into one statement while the previous one runs, as a group commit does for writes: a
/// row holds many accounts' messages, and one statement then takes several of them out of it at once.
/// Each caller's task ends when the statement holding its messages has committed, or fails with it (its
/// tracker acknowledges them again later).
/// </summary>
public sealed class AcknowledgementBatcher : IAsyncDisposable
{
    // One statement stops growing past this many messages.
    private const int MaxMessages = 10_000;

    private readonly PostgresEventQueue _queue;
    private readonly Channel<PendingAcknowledgement> _waiting = Channel.CreateUnbounded<PendingAcknowledgement>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sending;

    /// <summary>Starts the sender.</summary>
    public AcknowledgementBatcher(PostgresEventQueue queue)
    {
        _queue = queue;
        _sending = Task.Run(SendLoopAsync);
    }

    /// <summary>Acknowledges the messages, together with other callers' waiting at the same time.</summary>
    public Task AcknowledgeAsync(IReadOnlyList<(StreamId Stream, long Sequence)> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var pending = new PendingAcknowledgement(messages);
        if (!_waiting.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AcknowledgementBatcher));
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _sending;
    }

    private async Task SendLoopAsync()
    {
        var group = new List<PendingAcknowledgement>();
        while (await _waiting.Reader.WaitToReadAsync())
        {
            group.Clear();
            var count = 0;
            while (count < MaxMessages && _waiting.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                count += pending.Messages.Count;
            }

            try
            {
                await _queue.AcknowledgeAsync(group.SelectMany(p => p.Messages), CancellationToken.None);
                group.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception exception)
            {
                group.ForEach(p => p.Done.TrySetException(exception));
            }
        }
    }

    private sealed class PendingAcknowledgement(IReadOnlyList<(StreamId Stream, long Sequence)> messages)
    {
        public IReadOnlyList<(StreamId Stream, long Sequence)> Messages { get; } = messages;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
