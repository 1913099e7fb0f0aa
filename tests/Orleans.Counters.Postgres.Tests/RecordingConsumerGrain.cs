using Orleans.Streams.Core;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>Records every event of its stream with its token, as the ingest grain would consume them.</summary>
[ImplicitStreamSubscription(TestStreams.Namespace)]
public sealed class RecordingConsumerGrain : Grain, IRecordingConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<TestEvent>
{
    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<TestEvent>().ResumeAsync(this);

    /// <inheritdoc />
    public async Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        Deliveries.Record(new Delivery(this.GetPrimaryKeyString(), token.SequenceNumber, token.EventIndex, item.Text));
        if (item.Text.StartsWith(TestEvent.SlowPrefix, StringComparison.Ordinal))
        {
            // Holds the consumer's cursor, and so its cached messages, in the pulling agent's cache.
            await Task.Delay(TestEvent.SlowDelay);
        }
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
