using HdrHistogram;

namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// Freshness: how long after its 202 a single event shows in its account's year query, while a
/// background batch load runs. Each sampler has an account of its own and sends one event at a time,
/// polling the year query until the total counts it; its first sample (which activates the account's
/// counters) is not recorded.
/// </summary>
public static class FreshnessScenario
{
    /// <summary>The event type of the samples.</summary>
    public const string EventType = "bench-fresh";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>How long the first-minute variant samples: the first minute, or the profile's shorter duration.</summary>
    public static TimeSpan FirstMinute(BenchProfile profile) => profile.FreshnessDuration < TimeSpan.FromMinutes(1) ? profile.FreshnessDuration : TimeSpan.FromMinutes(1);

    /// <summary>Runs the background load and samples freshness for the profile's duration, leaving out each sampler's first sample.</summary>
    public static Task<LatencyOutcome> RunAsync(Uri gateway, double backgroundEventsPerSecond, BenchProfile profile, CancellationToken cancellationToken) =>
        RunAsync(gateway, backgroundEventsPerSecond, profile, profile.FreshnessDuration, recordFirst: false, cancellationToken);

    /// <summary>
    /// Runs the background load and samples freshness for <paramref name="duration"/>; <paramref name="recordFirst"/>
    /// keeps each sampler's first sample too, for the first minute after a start, when nothing is warm.
    /// </summary>
    public static async Task<LatencyOutcome> RunAsync(
        Uri gateway, double backgroundEventsPerSecond, BenchProfile profile, TimeSpan duration, bool recordFirst, CancellationToken cancellationToken)
    {
        await using var background = await BackgroundIngestion.StartAsync(gateway, backgroundEventsPerSecond, profile, cancellationToken);
        using var http = LoadHttpClient.Create(gateway, profile.FreshnessSamplers * 2);
        var clock = Stopwatch.StartNew();
        var parts = await Task.WhenAll(Enumerable.Range(0, profile.FreshnessSamplers)
            .Select(sampler => SampleAsync(http, sampler, clock, duration, recordFirst, profile, cancellationToken)));
        var elapsed = clock.Elapsed;
        var histogram = LatencyHistogram.Merge(parts);
        var ingestion = await background.StopAsync(cancellationToken);
        if (histogram.TotalCount == 0)
        {
            throw new InvalidOperationException("no freshness sample was taken");
        }

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{profile.FreshnessSamplers} samplers, one single-event POST at a time each, the account's year query polled every " +
            $"{PollInterval.TotalMilliseconds:0} ms from the 202 until it counts the event; {histogram.TotalCount:N0} samples{(recordFirst ? ", each sampler's first included," : "")} in " +
            $"{elapsed.TotalSeconds:0.0} s, max {LatencyHistogram.Milliseconds(histogram, 100):N0} ms; during {ingestion}");
        return LatencyOutcome.From(histogram, errors: 0, elapsed, detail);
    }

    private static async Task<LongHistogram> SampleAsync(
        HttpClient http, int sampler, Stopwatch clock, TimeSpan duration, bool recordFirst, BenchProfile profile, CancellationToken cancellationToken)
    {
        var account = $"bench-fresh-{sampler}";
        var body = EventJson.Single(new BenchEvent(account, EventType, EventFactory.Url(sampler), default));
        var histogram = LatencyHistogram.Create();
        var year = DateTime.UtcNow.Year;
        var counted = await YearTotal.GetAsync(http, account, EventType, year, cancellationToken);
        for (var sample = 0; clock.Elapsed < duration; sample++)
        {
            var status = await LoadHttpClient.PostEventsAsync(http, body, cancellationToken);
            if (status != StatusCodes.Status202Accepted)
            {
                throw new InvalidOperationException($"POST /api/events answered {status} to a freshness sample");
            }

            var accepted = Stopwatch.GetTimestamp();
            counted++;
            long total;
            while ((total = await YearTotal.GetAsync(http, account, EventType, year, cancellationToken)) < counted)
            {
                if (Stopwatch.GetElapsedTime(accepted) > profile.VisibleTimeout)
                {
                    throw new TimeoutException($"an event of {account} was not visible in its {year} query {profile.VisibleTimeout} after its 202");
                }

                await Task.Delay(PollInterval, cancellationToken);
            }

            if (total != counted)
            {
                throw new InvalidOperationException($"the {year} query of {account} counts {total} events, but {counted} were sent");
            }

            if (sample > 0 || recordFirst)
            {
                LatencyHistogram.Record(histogram, Stopwatch.GetElapsedTime(accepted));
            }
        }

        return histogram;
    }
}
