namespace Orleans.Counters.Bench.Load;

/// <summary>
/// Batch ingestion at a steady rate behind a measurement (queries, freshness samples): batches of
/// <see cref="BenchProfile.BatchSize"/> events of its own type, paced. Stopping it waits until every
/// accepted event is visible, so the next measurement starts on a quiet system and no count is lost unseen.
/// </summary>
public sealed class BackgroundIngestion : IAsyncDisposable
{
    /// <summary>The event type of the background load.</summary>
    public const string EventType = "bench-background";

    private const int PoolBatches = 20;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<PacedLoad.Outcome> _sending;
    private readonly int[] _years;
    private readonly YearTotal.Count _before;
    private readonly double _eventsPerSecond;
    private readonly BenchProfile _profile;

    private BackgroundIngestion(HttpClient http, IReadOnlyList<byte[]> bodies, int[] years, YearTotal.Count before, double eventsPerSecond, BenchProfile profile, CancellationToken cancellationToken)
    {
        _http = http;
        _years = years;
        _before = before;
        _eventsPerSecond = eventsPerSecond;
        _profile = profile;
        _sending = PacedLoad.RunAsync(
            eventsPerSecond / profile.BatchSize,
            async (i, cancel) => await LoadHttpClient.PostEventsAsync(http, bodies[(int)(i % bodies.Count)], cancel) == StatusCodes.Status202Accepted,
            _stop.Token,
            cancellationToken);
    }

    /// <summary>
    /// The rate for a background load: <see cref="BenchProfile.BackgroundRate"/> when set; otherwise
    /// <see cref="BenchProfile.BackgroundShare"/> of the batch ingestion rate measured for the same mode in this run,
    /// or <see cref="BenchProfile.BackgroundFallbackRate"/> when that failed.
    /// </summary>
    public static double RateFor(ThroughputOutcome? batchIngestion, BenchProfile profile) =>
        profile.BackgroundRate
        ?? (batchIngestion is { EventsPerSecond: > 0 } measured ? measured.EventsPerSecond * profile.BackgroundShare : profile.BackgroundFallbackRate);

    /// <summary>Starts sending <paramref name="eventsPerSecond"/> to the gateway.</summary>
    public static async Task<BackgroundIngestion> StartAsync(Uri gateway, double eventsPerSecond, BenchProfile profile, CancellationToken cancellationToken)
    {
        var events = EventFactory.Create(PoolBatches * profile.BatchSize, EventType, profile, seed: 7);
        var years = YearTotal.YearsOf(events);
        var http = LoadHttpClient.Create(gateway, profile.BatchConcurrency);
        try
        {
            var before = await YearTotal.SumAsync(http, EventType, years, cancellationToken);
            return new BackgroundIngestion(http, EventJson.Batches(events, profile.BatchSize), years, before, eventsPerSecond, profile, cancellationToken);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Stops sending, waits until every accepted event is visible, and says what was sent.</summary>
    public async Task<string> StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        var sent = await _sending;
        var stopped = Stopwatch.StartNew();
        var accepted = sent.Succeeded * _profile.BatchSize;
        await YearTotal.WaitForAsync(_http, EventType, _years, _before, accepted, addedBots: 0, _profile.VisibleTimeout, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"background ingestion of {accepted:N0} events in batches of {_profile.BatchSize:N0} at {accepted / sent.Elapsed.TotalSeconds:N0} events/s " +
            $"(paced at {_eventsPerSecond:N0}), {sent.Failed:N0} batches failed, batch p99 {LatencyHistogram.Milliseconds(sent.Histogram, 99):0} ms; " +
            $"all visible {stopped.Elapsed.TotalSeconds:0.00} s after it stopped");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sending;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _http.Dispose();
    }
}
