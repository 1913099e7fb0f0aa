using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// A seeded load of events in batches, posted to a cluster's gateway by a client that retries
/// every 503 as it is told to, with a disruption (a killed silo, a stopped database) part-way
/// through; then every period at every level is compared with ground truth.
/// </summary>
public sealed class ChaosLoad(CountersCluster cluster, string connectionString)
{
    private const int BatchSize = 500;
    private const int Concurrency = 4;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Events in the load.</summary>
    public int EventCount { get; init; } = 50_000;

    /// <summary>The generator's seed.</summary>
    public int Seed { get; init; } = 31;

    /// <summary>
    /// True when the gateway itself goes away: a request that finds no gateway listening, or whose
    /// kept-alive connection the stopping gateway closed as it was sent (before the answer, or while the
    /// body was still being written), is sent again, as a client
    /// would once the gateway is back. The first reached no server; the second may in principle have
    /// been taken, and its events' ids keep a second sending from counting twice (any double count
    /// would show in the outcome).
    /// </summary>
    public bool RetryWhenTheGatewayGoesAway { get; init; }

    /// <summary>
    /// Posts the load; when a third of the batches have been started, runs <paramref name="disrupt"/>,
    /// which returns once the disruption is over (at once for a kill, after the restart for a database).
    /// </summary>
    public async Task<ChaosOutcome> RunAsync(Func<Task> disrupt)
    {
        var events = new EventGenerator(Seed).Generate(EventCount, hours: 40);
        var truth = new GroundTruth();
        truth.Add(events);
        var batches = events.Chunk(BatchSize).ToList();
        var disruptAt = batches.Count / 3;
        var clock = Stopwatch.StartNew();
        var refusals = new ConcurrentDictionary<HttpStatusCode, int>();
        long acknowledged = 0, retries = 0;
        TimeSpan disruptedAt = default, restoredAt = default, lastAcceptedAt = default;

        using var stopSampling = new CancellationTokenSource();
        var sampling = SampleCountedAsync(truth, clock, stopSampling.Token);
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            if (i == disruptAt)
            {
                disruptedAt = clock.Elapsed;
                await disrupt();
                restoredAt = clock.Elapsed;
            }

            Interlocked.Add(ref retries, await PostUntilAcceptedAsync(batches[i], refusals));
            Interlocked.Add(ref acknowledged, batches[i].Length);
            lock (batches)
            {
                lastAcceptedAt = clock.Elapsed > lastAcceptedAt ? clock.Elapsed : lastAcceptedAt;
            }
        });

        await CountsVerifier.WaitForYearsAsync(truth, ReadWithRetryAsync, TimeSpan.FromMinutes(5));
        var exactAt = clock.Elapsed;
        await stopSampling.CancelAsync();
        var samples = await sampling;
        var report = await CountsVerifier.VerifyAsync(truth, ReadWithRetryAsync);
        var (counted, lost, doubled) = await CompareAllYearsAsync(truth);
        var queued = await Eventually.ReadAsync(() => Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(60));
        var deadLetters = await Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_dead_letter");

        var resumedAt = CountingResumedAt(samples, restoredAt, truth);
        return new ChaosOutcome(
            Sent: EventCount,
            Acknowledged: acknowledged,
            Counted: counted,
            Lost: lost,
            Doubled: doubled,
            Report: report,
            DisruptedAfterBatches: disruptAt,
            Batches: batches.Count,
            Outage: restoredAt - disruptedAt,
            LoadEndedAfter: lastAcceptedAt - disruptedAt,
            CountingResumedAfter: resumedAt - disruptedAt,
            ExactAfter: exactAt - disruptedAt,
            Retries: retries,
            Refusals: refusals.ToDictionary(),
            Queued: queued,
            DeadLetters: deadLetters);
    }

    /// <summary>
    /// Posts until the gateway answers 202, as a client retrying 503s does; returns how many retries
    /// it took. Any other answer fails the test: the gateway must not answer 202 for what it did not
    /// store, nor fail in any other way while its storage is away.
    /// </summary>
    private async Task<long> PostUntilAcceptedAsync(CounterEvent[] batch, ConcurrentDictionary<HttpStatusCode, int> refusals)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        for (var retries = 0L; ; retries++)
        {
            HttpResponseMessage response;
            try
            {
                response = await cluster.Client.SendAsync(batch);
            }
            catch (HttpRequestException exception) when (RetryWhenTheGatewayGoesAway && GatewayWentAway(exception) is { } how && DateTime.UtcNow < deadline)
            {
                refusals.AddOrUpdate(how, 1, (_, n) => n + 1);
                await Task.Delay(RetryDelay);
                continue;
            }

            using var answered = response;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return retries;
            }

            refusals.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || response.Headers.RetryAfter is null
                || DateTime.UtcNow > deadline)
            {
                throw new HttpRequestException($"POST /api/events answered {(int)response.StatusCode} ({response.Content.Headers.ContentType}) after {retries} retries: {body}");
            }

            await Task.Delay(RetryDelay);
        }
    }

    /// <summary>How a request failed because the gateway stopped: refused, or closed before answering; null for any other failure.</summary>
    private static HttpStatusCode? GatewayWentAway(HttpRequestException exception) => exception switch
    {
        { HttpRequestError: HttpRequestError.ConnectionError, InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } } => ChaosOutcome.ConnectionRefused,
        { HttpRequestError: HttpRequestError.ResponseEnded } => ChaosOutcome.ConnectionClosed,
        // Closed while the request was still being written: "Broken pipe" (a CI run hit it), or reset.
        { InnerException: IOException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.Shutdown or System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.ConnectionAborted } } } => ChaosOutcome.ConnectionClosed,
        _ => null,
    };

    /// <summary>Reads, retrying failures: until the cluster declares a killed silo dead, calls to its grains fail.</summary>
    private async Task<PeriodCounts> ReadWithRetryAsync(SeriesKey series, Period period)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                return await cluster.Client.TrackAsync(series, period);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Reads every account's year totals every so often: what each has counted, over time.</summary>
    private async Task<List<CountedSample>> SampleCountedAsync(GroundTruth truth, Stopwatch clock, CancellationToken stop)
    {
        var years = truth.Years.Where(y => y.Series.Account != SeriesKey.AllAccounts && y.Series.Url == SeriesKey.AllUrls).ToList();
        var samples = new List<CountedSample>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var totals = await Task.WhenAll(years.Select(y => cluster.Client.TrackAsync(y.Series, y.Period)));
                var byAccount = years.Zip(totals).GroupBy(pair => pair.First.Series.Account).ToDictionary(g => g.Key, g => g.Sum(pair => pair.Second.Total));
                samples.Add(new CountedSample(clock.Elapsed, byAccount));
            }
            catch (HttpRequestException)
            {
                // A read that failed while the cluster recovers is simply not a sample.
            }

            try
            {
                await Task.Delay(SampleInterval, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return samples;
    }

    /// <summary>
    /// When counting resumed after a disruption: when every account that still had events to count
    /// counted more than it had when the disruption ended. A queue whose silo died stalls its accounts
    /// until another silo takes it over; a database outage stalls every account.
    /// </summary>
    private static TimeSpan? CountingResumedAt(List<CountedSample> samples, TimeSpan restoredAt, GroundTruth truth)
    {
        var atRestore = samples.LastOrDefault(s => s.At <= restoredAt) ?? samples.FirstOrDefault();
        if (atRestore is null)
        {
            return null;
        }

        var expected = truth.Years.Where(y => y.Series.Account != SeriesKey.AllAccounts && y.Series.Url == SeriesKey.AllUrls)
            .GroupBy(y => y.Series.Account)
            .ToDictionary(g => g.Key, g => g.Sum(y => truth.Expected(y.Series, y.Period).Sum()));
        var waiting = atRestore.ByAccount.Where(a => a.Value < expected[a.Key]).Select(a => a.Key).ToList();
        var resumed = samples.FirstOrDefault(s => s.At > restoredAt && waiting.All(account => s.ByAccount[account] > atRestore.ByAccount[account]));
        return resumed?.At;
    }

    private sealed record CountedSample(TimeSpan At, IReadOnlyDictionary<string, long> ByAccount);

    /// <summary>Sums the <c>all</c> series' years: counted, and how far below (lost) or above (double counted) the truth.</summary>
    private async Task<(long Counted, long Lost, long Doubled)> CompareAllYearsAsync(GroundTruth truth)
    {
        long counted = 0, lost = 0, doubled = 0;
        foreach (var (series, period) in truth.Years.Where(y => y.Series.Account == SeriesKey.AllAccounts))
        {
            var expected = truth.Expected(series, period).Sum();
            var actual = (await ReadWithRetryAsync(series, period)).Total;
            counted += actual;
            lost += Math.Max(0, expected - actual);
            doubled += Math.Max(0, actual - expected);
        }

        return (counted, lost, doubled);
    }
}
