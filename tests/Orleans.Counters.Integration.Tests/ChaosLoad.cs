using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// A seeded load of events in batches, posted to a cluster's gateways by a client that retries
/// every 503 as it is told to, with faults (a killed silo, a stopped database, a killed gateway)
/// part-way through; then every period at every level is compared with ground truth, through every
/// gateway.
/// </summary>
public sealed class ChaosLoad(CountersCluster cluster, string connectionString)
{
    private const int BatchSize = 500;
    private const int Concurrency = 4;
    private const int HourSampleEvery = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);
    private IReadOnlyList<CounterEvent>? _events;
    private GroundTruth? _truth;

    /// <summary>Events in the load.</summary>
    public int EventCount { get; init; } = 50_000;

    /// <summary>The generator's seed.</summary>
    public int Seed { get; init; } = 31;

    /// <summary>
    /// True when a gateway itself goes away: a request that finds no gateway listening, or whose
    /// kept-alive connection the stopping gateway closed as it was sent (before the answer, or while the
    /// body was still being written), is sent again (to the next gateway, when there are several), as a
    /// client would once the gateway is back. The first reached no server; the second may in principle
    /// have been taken, and its events' ids keep a second sending from counting twice (any double count
    /// would show in the outcome).
    /// </summary>
    public bool RetryWhenTheGatewayGoesAway { get; init; }

    /// <summary>
    /// When set, the counts must settle this soon after the last fault is over: every year, month and
    /// day and a sample of hours are read through every gateway until all equal the truth, for at most
    /// this long after the last recovery (<see cref="ChaosOutcome.Settle"/>). When null, the years are
    /// awaited for up to 5 minutes, through any gateway.
    /// </summary>
    public TimeSpan? ExactWithin { get; init; }

    /// <summary>What every period must show once the load has been counted.</summary>
    public GroundTruth Truth
    {
        get
        {
            if (_truth is null)
            {
                _truth = new GroundTruth();
                _truth.Add(Events);
            }

            return _truth;
        }
    }

    /// <summary>The load's events, made from <see cref="Seed"/> on first use.</summary>
    private IReadOnlyList<CounterEvent> Events => _events ??= new EventGenerator(Seed).Generate(EventCount, hours: 40);

    /// <summary>
    /// Posts the load; when a third of the batches have been started, runs <paramref name="disrupt"/>,
    /// which returns once the disruption is over (at once for a kill, after the restart for a database).
    /// </summary>
    public Task<ChaosOutcome> RunAsync(Func<Task> disrupt) => RunAsync([new ChaosFault("disruption", 1.0 / 3, TimeSpan.Zero, disrupt)]);

    /// <summary>
    /// Posts the load, batches spread over the gateways, striking each fault when its share of the
    /// batches has been started (and its delay has passed); once every batch has been accepted, runs
    /// what undoes the faults, then compares every period with the truth through every gateway.
    /// </summary>
    public async Task<ChaosOutcome> RunAsync(IReadOnlyList<ChaosFault> faults)
    {
        var truth = Truth;
        var batches = Events.Chunk(BatchSize).ToList();
        var clock = Stopwatch.StartNew();
        var refusals = new ConcurrentDictionary<HttpStatusCode, int>();
        var strikes = new Task<(TimeSpan Began, TimeSpan Ended)>[faults.Count];
        long acknowledged = 0, retries = 0;
        TimeSpan lastAcceptedAt = default;

        using var stopSampling = new CancellationTokenSource();
        var sampling = SampleCountedAsync(truth, clock, stopSampling.Token);
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            for (var fault = 0; fault < faults.Count; fault++)
            {
                if (faults[fault].Batch(batches.Count) == i)
                {
                    strikes[fault] = StrikeAsync(faults[fault], clock);
                }
            }

            Interlocked.Add(ref retries, await PostUntilAcceptedAsync(i, batches[i], refusals));
            Interlocked.Add(ref acknowledged, batches[i].Length);
            lock (batches)
            {
                lastAcceptedAt = clock.Elapsed > lastAcceptedAt ? clock.Elapsed : lastAcceptedAt;
            }
        });

        var struck = await Task.WhenAll(strikes);
        var disruptedAt = struck.Min(s => s.Began);
        var restoredAt = struck.Max(s => s.Ended);
        foreach (var fault in faults)
        {
            if (fault.AfterLoad is not null)
            {
                await fault.AfterLoad();
            }
        }

        var recoveredAt = faults.Any(f => f.AfterLoad is not null) ? clock.Elapsed : restoredAt;
        ChaosOutcome.Settling? settle = null;
        if (ExactWithin is { } window)
        {
            settle = await SettleAsync(truth, clock, recoveredAt, window);
        }
        else
        {
            await CountsVerifier.WaitForYearsAsync(truth, ReadWithRetryAsync, TimeSpan.FromMinutes(5));
        }

        var exactAt = clock.Elapsed;
        await stopSampling.CancelAsync();
        var samples = await sampling;
        var report = await VerifyThroughEveryGatewayAsync(truth);
        var (counted, lost, doubled) = await CompareAllYearsAsync(truth);
        // Not a failure yet: ChaosOutcome asserts it is 0 after the run's figures are written.
        var queued = await Eventually.ReadLastAsync(() => Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(60));
        var deadLetters = await Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_dead_letter");

        var resumedAt = CountingResumedAt(samples, restoredAt, truth);
        var timeline = faults.Count == 1 && faults[0].AfterLoad is null
            ? null
            : string.Join("; ", faults.Zip(struck, (fault, s) =>
                $"{fault.Name} at batch {fault.Batch(batches.Count)}{(fault.Delay > TimeSpan.Zero ? $" + {fault.Delay.TotalSeconds:0.#} s" : "")}: {s.Began.TotalSeconds:0.0}–{s.Ended.TotalSeconds:0.0} s")) +
              $"; load ended {lastAcceptedAt.TotalSeconds:0.0} s, last recovery {recoveredAt.TotalSeconds:0.0} s";
        return new ChaosOutcome(
            Sent: EventCount,
            Acknowledged: acknowledged,
            Counted: counted,
            Lost: lost,
            Doubled: doubled,
            Report: report,
            DisruptedAfterBatches: faults.Min(f => f.Batch(batches.Count)),
            Batches: batches.Count,
            Outage: restoredAt - disruptedAt,
            LoadEndedAfter: lastAcceptedAt - disruptedAt,
            CountingResumedAfter: resumedAt - disruptedAt,
            ExactAfter: exactAt - disruptedAt,
            Retries: retries,
            Refusals: refusals.ToDictionary(),
            Queued: queued,
            DeadLetters: deadLetters)
        {
            Timeline = timeline,
            Settle = settle,
        };
    }

    /// <summary>Strikes a fault after its delay; returns when it began and ended, on the load's clock.</summary>
    private static async Task<(TimeSpan Began, TimeSpan Ended)> StrikeAsync(ChaosFault fault, Stopwatch clock)
    {
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay);
        }

        var began = clock.Elapsed;
        await fault.Strike();
        return (began, clock.Elapsed);
    }

    /// <summary>
    /// Reads every year, month and day and every <see cref="HourSampleEvery"/>th hour through every
    /// gateway until each answers the truth for all of them. They must within <paramref name="window"/>
    /// of <paramref name="recoveredAt"/>: a pass that began in it and found all exact. Until then a
    /// pass stops at its first wrong chunk (coarse periods first: rollups catch up last), so that
    /// polling costs little while the cluster catches up; the first pass after the window reads
    /// everything and keeps what was wrong, with each gateway's answer. Polling goes on for up to
    /// <see cref="GiveUpAfter"/> more, to tell a slow cluster from a wrong one.
    /// </summary>
    private async Task<ChaosOutcome.Settling> SettleAsync(GroundTruth truth, Stopwatch clock, TimeSpan recoveredAt, TimeSpan window)
    {
        var hours = truth.Periods.Where(key => key.Period.Kind == PeriodKind.Hour)
            .OrderBy(key => StatsClient.TrackPath(key.Series, key.Period), StringComparer.Ordinal)
            .Where((_, i) => i % HourSampleEvery == 0);
        var periods = truth.Periods.Where(key => key.Period.Kind != PeriodKind.Hour).OrderByDescending(key => key.Period.Kind).Concat(hours).ToList();
        IReadOnlyList<string> wrongAtWindowEnd = [];
        for (var passes = 1; ; passes++)
        {
            var began = clock.Elapsed - recoveredAt;
            var late = began > window;
            var full = late && wrongAtWindowEnd.Count == 0;
            var wrong = await CompareThroughEveryGatewayAsync(truth, periods, stopAtFirstWrong: !full);
            if (wrong.Count == 0)
            {
                return new ChaosOutcome.Settling(cluster.Gateways.Count, periods.Count, passes, window, began, clock.Elapsed - recoveredAt, !late, wrongAtWindowEnd);
            }

            if (full)
            {
                wrongAtWindowEnd = wrong;
            }

            if (clock.Elapsed > recoveredAt + window + GiveUpAfter)
            {
                return new ChaosOutcome.Settling(cluster.Gateways.Count, periods.Count, passes, window, null, null, false, wrongAtWindowEnd);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Reads periods through every gateway, 32 at a time; one line per period some gateway got wrong, with what each answered.</summary>
    private async Task<List<string>> CompareThroughEveryGatewayAsync(GroundTruth truth, IReadOnlyList<(SeriesKey Series, Period Period)> periods, bool stopAtFirstWrong)
    {
        var wrong = new ConcurrentBag<string>();
        foreach (var chunk in periods.Chunk(32))
        {
            await Task.WhenAll(chunk.Select(async key =>
            {
                var expected = truth.Expected(key.Series, key.Period);
                var answers = await Task.WhenAll(cluster.Gateways.Select(gateway => ReadThroughAsync(gateway, key.Series, key.Period)));
                if (answers.Any(counts => counts.Total != expected.Sum() || !counts.Segments.SequenceEqual(expected)))
                {
                    wrong.Add($"{StatsClient.TrackPath(key.Series, key.Period)}: expected {expected.Sum()}, " + string.Join(", ", answers.Select((counts, g) => $"gateway {g} {counts.Total}")));
                }
            }));
            if (stopAtFirstWrong && !wrong.IsEmpty)
            {
                break;
            }
        }

        return [.. wrong.Order(StringComparer.Ordinal)];
    }

    /// <summary>Compares every period with the truth through each gateway in turn; with several, each mismatch names its gateway.</summary>
    private async Task<CountsVerifier.Report> VerifyThroughEveryGatewayAsync(GroundTruth truth)
    {
        var reports = new List<CountsVerifier.Report>();
        foreach (var gateway in cluster.Gateways)
        {
            reports.Add(await CountsVerifier.VerifyAsync(truth, (series, period) => ReadThroughAsync(gateway, series, period)));
        }

        return reports.Count == 1
            ? reports[0]
            : new CountsVerifier.Report(reports.Sum(r => r.PeriodsCompared), [.. reports.SelectMany((r, g) => r.Mismatches.Select(m => $"through gateway {g}: {m}"))]);
    }

    /// <summary>
    /// Posts until a gateway answers 202, as a client retrying 503s does; returns how many retries
    /// it took. Batches spread over the gateways, and each retry goes to the next one, as a client
    /// behind a load balancer would. Any other answer fails the test: a gateway must not answer 202 for
    /// what it did not store, nor fail in any other way while its storage is away.
    /// </summary>
    private async Task<long> PostUntilAcceptedAsync(int index, CounterEvent[] batch, ConcurrentDictionary<HttpStatusCode, int> refusals)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        for (var retries = 0L; ; retries++)
        {
            HttpResponseMessage response;
            try
            {
                response = await cluster.Gateways[(int)((index + retries) % cluster.Gateways.Count)].Client.SendAsync(batch);
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

    /// <summary>
    /// Reads, retrying failures: until the cluster declares a killed silo dead, calls to its grains fail.
    /// Each retry asks the next gateway, so a gateway that is down costs one try.
    /// </summary>
    private async Task<PeriodCounts> ReadWithRetryAsync(SeriesKey series, Period period)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await cluster.Gateways[attempt % cluster.Gateways.Count].Client.TrackAsync(series, period);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Reads through one gateway, retrying its failures: what that gateway answers is the point.</summary>
    private static async Task<PeriodCounts> ReadThroughAsync(ClusterGateway gateway, SeriesKey series, Period period)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                return await gateway.Client.TrackAsync(series, period);
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
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            try
            {
                // Each round through the next gateway: one that is down costs a round, not the samples.
                var client = cluster.Gateways[round % cluster.Gateways.Count].Client;
                var totals = await Task.WhenAll(years.Select(y => client.TrackAsync(y.Series, y.Period)));
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
