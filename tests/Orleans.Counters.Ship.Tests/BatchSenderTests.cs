using System.Threading.Channels;

namespace Orleans.Counters.Ship.Tests;

public sealed class BatchSenderTests
{
    private static readonly SenderOptions Fast = new(BatchSize: 500, MaxBodyBytes: 1024 * 1024, FlushInterval: TimeSpan.FromMilliseconds(50), MaxRetryDelay: TimeSpan.FromMilliseconds(100));

    private readonly ShipCounters _counters = new();
    private readonly StringWriter _log = new();

    [Fact]
    public async Task EventsGoInBatchesOfAtMostTheBatchSizeAndInOrder()
    {
        var gateway = Accepting();

        await SendAsync(gateway, Events(1200), Fast);

        Assert.Equal([500, 500, 200], gateway.RequestSizes);
        Assert.Equal(Enumerable.Range(0, 1200), gateway.Accepted.Select(e => e.GetProperty("n").GetInt32()));
        Assert.Equal(1200, _counters.Read().Shipped);
    }

    [Fact]
    public async Task ABatchStaysWithinTheBodyLimit()
    {
        var gateway = Accepting();
        var events = Events(100);
        var limit = (int)JsonArray.Size(10, events.Take(10).Sum(e => e.Length));

        await SendAsync(gateway, events, Fast with { MaxBodyBytes = limit });

        Assert.All(gateway.RequestSizes, size => Assert.True(size <= 10));
        Assert.Equal(100, gateway.RequestSizes.Sum());
    }

    [Fact]
    public async Task APartialBatchIsSentAfterTheFlushIntervalWithoutWaitingForMore()
    {
        var gateway = Accepting();
        var queue = Channel.CreateUnbounded<QueuedEvent>();
        var sending = Sender(gateway, Fast).RunAsync(queue.Reader, CancellationToken.None);

        foreach (var item in Events(3))
        {
            await queue.Writer.WriteAsync(new QueuedEvent(item));
        }

        var sizes = await Eventually.ReadAsync(() => Task.FromResult(gateway.RequestSizes), s => s.Sum() == 3, TimeSpan.FromSeconds(5));
        Assert.Equal([3], sizes);
        queue.Writer.Complete();
        await sending;
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task ABatchIsRetriedUntilTheGatewayTakesIt(HttpStatusCode failure)
    {
        var gateway = new ScriptedGateway((request, _) => Task.FromResult(request <= 3
            ? ScriptedGateway.Answer(failure, retryAfter: TimeSpan.FromMilliseconds(10))
            : ScriptedGateway.Answer(HttpStatusCode.Accepted)));

        await SendAsync(gateway, Events(20), Fast);

        Assert.Equal([20, 20, 20, 20], gateway.RequestSizes);
        Assert.Equal(20, gateway.Accepted.Count);
        Assert.Equal((20, 0), (_counters.Read().Shipped, _counters.Read().Rejected));
        Assert.Contains($"{(int)failure}", _log.ToString());
        Assert.Contains("sent 20 events after 3 failed attempts", _log.ToString());
    }

    [Fact]
    public async Task NetworkErrorsAreRetried()
    {
        var gateway = new ScriptedGateway((request, _) => request <= 2
            ? throw new HttpRequestException("Connection refused (gateway.test:80)")
            : Task.FromResult(ScriptedGateway.Answer(HttpStatusCode.Accepted)));

        await SendAsync(gateway, Events(5), Fast);

        Assert.Equal(5, gateway.Accepted.Count);
        Assert.Contains("Connection refused", _log.ToString());
    }

    [Fact]
    public async Task ABatchAnswered400IsDroppedAndCountedAsRejected()
    {
        const string problem = """{"title":"Invalid events","status":400,"errors":[{"index":3,"field":"url","reason":"must be a path"}]}""";
        var gateway = new ScriptedGateway((request, _) => Task.FromResult(request == 1
            ? ScriptedGateway.Answer(HttpStatusCode.BadRequest, problem)
            : ScriptedGateway.Answer(HttpStatusCode.Accepted)));

        await SendAsync(gateway, Events(15), Fast with { BatchSize = 10 });

        Assert.Equal([10, 5], gateway.RequestSizes);
        Assert.Equal(Enumerable.Range(10, 5), gateway.Accepted.Select(e => e.GetProperty("n").GetInt32()));
        var totals = _counters.Read();
        Assert.Equal((5, 10), (totals.Shipped, totals.Rejected));
        Assert.Contains("the gateway refused 10 events, dropped: 400 Bad Request: " + problem, _log.ToString());
    }

    [Fact]
    public async Task ABatchAnswered413IsSentInHalvesAndLaterBatchesAreSmaller()
    {
        var gateway = new ScriptedGateway((_, events) => Task.FromResult(events.Count > 4
            ? ScriptedGateway.Answer(HttpStatusCode.RequestEntityTooLarge)
            : ScriptedGateway.Answer(HttpStatusCode.Accepted)));

        await SendAsync(gateway, Events(30), Fast with { BatchSize = 16 });

        Assert.Equal(Enumerable.Range(0, 30), gateway.Accepted.Select(e => e.GetProperty("n").GetInt32()));
        Assert.Equal(30, _counters.Read().Shipped);
        Assert.Equal([16, 8, 4, 4, 8, 4, 4, 4, 4, 4, 2], gateway.RequestSizes);
    }

    [Fact]
    public async Task EachSettledBatchHandsOnItsLastCheckpointInOrderAndAFailingOneNone()
    {
        var identity = new FileIdentity(1, 2);
        var settled = new List<long>();
        var gateway = new ScriptedGateway((request, _) => Task.FromResult(request switch
        {
            2 => ScriptedGateway.Answer(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.Zero),
            3 => ScriptedGateway.Answer(HttpStatusCode.BadRequest),
            _ => ScriptedGateway.Answer(HttpStatusCode.Accepted),
        }));
        var queue = Channel.CreateUnbounded<QueuedEvent>();
        var events = Events(25);
        for (var n = 0; n < events.Count; n++)
        {
            // The last event of the second batch comes from standard input: the batch's checkpoint is the one before it.
            await queue.Writer.WriteAsync(new QueuedEvent(events[n], n == 19 ? null : new FilePosition(identity, "e", (n + 1) * 100, "h")));
            _counters.AddQueued();
        }

        queue.Writer.Complete();
        await new BatchSender(gateway.Client(), Fast with { BatchSize = 10 }, _counters, new ShipLog(_log), p => settled.Add(p.Offset)).RunAsync(queue.Reader, CancellationToken.None);

        // Batch 2 failed once, then was refused for good (400): settled all the same, it will never be taken.
        Assert.Equal([1000, 1900, 2500], settled);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A401Or403EndsTheSendingWithoutRetryOrCheckpoint(HttpStatusCode refusal)
    {
        var settled = new List<FilePosition>();
        var gateway = new ScriptedGateway((_, _) => Task.FromResult(ScriptedGateway.Answer(refusal, """{"title":"A key is required"}""")));
        var queue = Channel.CreateUnbounded<QueuedEvent>();
        await queue.Writer.WriteAsync(new QueuedEvent(Events(1)[0], new FilePosition(new FileIdentity(1, 2), "e", 10, "h")));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<KeyRefusedException>(() => new BatchSender(gateway.Client(), Fast, _counters, new ShipLog(_log), settled.Add).RunAsync(queue.Reader, timeout.Token));

        Assert.StartsWith($"{(int)refusal} ", error.Message);
        Assert.Contains("A key is required", error.Message);
        Assert.Equal([1], gateway.RequestSizes);
        Assert.Empty(settled);
    }

    private async Task SendAsync(ScriptedGateway gateway, IReadOnlyList<byte[]> events, SenderOptions options)
    {
        var queue = Channel.CreateUnbounded<QueuedEvent>();
        foreach (var item in events)
        {
            await queue.Writer.WriteAsync(new QueuedEvent(item));
            _counters.AddQueued();
        }

        queue.Writer.Complete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Sender(gateway, options).RunAsync(queue.Reader, timeout.Token);
    }

    private BatchSender Sender(ScriptedGateway gateway, SenderOptions options) => new(gateway.Client(), options, _counters, new ShipLog(_log));

    private static ScriptedGateway Accepting() => new((_, _) => Task.FromResult(ScriptedGateway.Answer(HttpStatusCode.Accepted)));

    private static IReadOnlyList<byte[]> Events(int count) =>
        [.. Enumerable.Range(0, count).Select(n => Encoding.UTF8.GetBytes($$"""{"n":{{n}},"url":"/page/{{n}}"}"""))];
}
