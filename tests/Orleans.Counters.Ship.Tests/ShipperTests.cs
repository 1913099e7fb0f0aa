namespace Orleans.Counters.Ship.Tests;

public sealed class ShipperTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly StringWriter _log = new();

    [Fact]
    public async Task AFullQueueStopsTheReadingUntilTheGatewayTakesEvents()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new ScriptedGateway(async (_, _) =>
        {
            await release.Task;
            return ScriptedGateway.Answer(HttpStatusCode.Accepted);
        });
        var source = new ListLineSource(Lines(5000));
        var options = Options() with { MaxPending = 100, BatchSize = 10 };

        var running = Shipper(options, source, gateway).RunAsync(CancellationToken.None);
        await Eventually.ReadAsync(() => Task.FromResult(source.Taken), taken => taken >= 100, TimeSpan.FromSeconds(5));
        await Task.Delay(300);

        // The queue (100), the batch in flight (10) and the line waiting to be queued: no more.
        Assert.InRange(source.Taken, 100, 111);
        release.SetResult();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(5000, source.Taken);
        Assert.Equal(5000, gateway.Accepted.Count);
    }

    [Fact]
    public async Task EveryLineIsShippedOnceInOrderAndTheRunEndsWithTheInput()
    {
        var gateway = new ScriptedGateway((request, _) => Task.FromResult(request % 3 == 0
            ? ScriptedGateway.Answer(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.Zero)
            : ScriptedGateway.Answer(HttpStatusCode.Accepted)));

        var shipper = Shipper(Options() with { BatchSize = 7 }, new ListLineSource(Lines(100)), gateway);
        var exitCode = await shipper.RunAsync(CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal(Enumerable.Range(0, 100).Select(n => $"/page/{n}"), gateway.Accepted.Select(e => e.GetProperty("url").GetString()));
        Assert.Equal(new ShipTotals(100, 0, 0, 0, 100, 0, 0), shipper.Totals);
        Assert.Contains("finished: shipped 100 events, skipped 0 unparsable lines", _log.ToString());
    }

    [Fact]
    public async Task ABatchSentAgainCarriesTheSameIdsAndEveryEventHasOneOfItsOwn()
    {
        var requests = new List<string[]>();
        var gateway = new ScriptedGateway((request, events) =>
        {
            lock (requests)
            {
                requests.Add([.. events.Select(e => e.GetProperty("id").GetString()!)]);
            }

            // The first answer is lost on the way back, as if the gateway had committed the batch.
            return request == 1 ? throw new HttpRequestException("Connection reset by peer") : Task.FromResult(ScriptedGateway.Answer(HttpStatusCode.Accepted));
        });

        var exitCode = await Shipper(Options() with { BatchSize = 10 }, new ListLineSource(Lines(30)), gateway).RunAsync(CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal(requests[0], requests[1]);
        Assert.Equal(30, requests.Skip(1).SelectMany(ids => ids).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 30).Select(n => $"list-{n}"), gateway.Accepted.Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task UnparsableIgnoredAndInvalidLinesAreCountedAndReported()
    {
        var gateway = new ScriptedGateway((_, _) => Task.FromResult(ScriptedGateway.Answer(HttpStatusCode.Accepted)));
        string[] lines =
        [
            Line(0),
            "garbage",
            """192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "-" 408 - "-" "-" """,
            Line(1).Replace("GET", "POST"),
            Line(2).Replace("01/Mar/2024", "01/Jan/2020"),
            Line(3),
        ];

        var shipper = Shipper(Options(), new ListLineSource(lines), gateway);
        var exitCode = await shipper.RunAsync(CancellationToken.None);

        Assert.Equal(new ShipTotals(6, 2, 1, 1, 2, 0, 0), shipper.Totals);
        // An event the gateway would refuse was not delivered: the exit code says so.
        Assert.Equal(1, exitCode);
        var log = _log.ToString();
        Assert.Contains("line 2 unparsable (no identity field): garbage", log);
        Assert.Contains("line 3 unparsable (request line", log);
        Assert.Contains("line 5 left out, the gateway would refuse it (timestamp", log);
        Assert.Contains("shipped 2 events, skipped 2 unparsable lines, 1 filtered out", log);
    }

    [Fact]
    public async Task AStopSendsWhatIsPendingAndEnds()
    {
        var gateway = new ScriptedGateway((_, _) => Task.FromResult(ScriptedGateway.Answer(HttpStatusCode.Accepted)));
        var source = new ListLineSource(Lines(42), endless: true);
        using var stopping = new CancellationTokenSource();
        var shipper = Shipper(Options() with { FlushInterval = TimeSpan.FromSeconds(30) }, source, gateway);

        var running = shipper.RunAsync(stopping.Token);
        await Eventually.ReadAsync(() => Task.FromResult(source.Taken), taken => taken == 42, TimeSpan.FromSeconds(5));
        Assert.Empty(gateway.Accepted);
        await stopping.CancelAsync();

        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(42, gateway.Accepted.Count);
        Assert.Contains("stopping", _log.ToString());
    }

    [Fact]
    public async Task WhenTheGatewayStaysDownTheGracePeriodEndsTheRunWithExitCode1()
    {
        var gateway = new ScriptedGateway((_, _) => Task.FromResult(ScriptedGateway.Answer(HttpStatusCode.ServiceUnavailable)));
        var shipper = Shipper(Options() with { ShutdownGrace = TimeSpan.FromMilliseconds(500) }, new ListLineSource(Lines(25)), gateway);

        var exitCode = await shipper.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, exitCode);
        Assert.Equal(25, shipper.Totals.Pending);
        Assert.Contains("gave up with 25 events unsent", _log.ToString());
    }

    private Shipper Shipper(ShipOptions options, ILineSource source, ScriptedGateway gateway) =>
        new(options, source, gateway.Client(), new EventMapper(
                new MappingOptions(options.Account, options.Type),
                new UserIdHasher("salt"),
                new EventValidator(new EventLimits(), new ManualClock(Now)),
                new ManualClock(Now)),
            new ShipLog(_log));

    private static ShipOptions Options() => new()
    {
        Gateway = new Uri("http://gateway.test"),
        Account = "shop",
        FlushInterval = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    private static IEnumerable<string> Lines(int count) => Enumerable.Range(0, count).Select(Line);

    private static string Line(int n) =>
        $"192.0.2.{n % 250} - - [01/Mar/2024:12:00:05 +0000] \"GET /page/{n} HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
}
