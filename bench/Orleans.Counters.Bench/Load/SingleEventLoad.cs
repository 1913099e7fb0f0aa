using HdrHistogram;

namespace Orleans.Counters.Bench.Load;

/// <summary>
/// Closed-loop load of single-event POSTs: each connection sends its next request as soon as the last
/// one is answered. Latencies go to an HdrHistogram (microseconds, 3 significant digits).
/// </summary>
public static class SingleEventLoad
{
    /// <summary>Loads for the warm-up (not recorded), then for the measured duration.</summary>
    public static async Task<LatencyOutcome> RunAsync(Uri baseAddress, IReadOnlyList<byte[]> bodies, BenchProfile profile, CancellationToken cancellationToken)
    {
        using var http = LoadHttpClient.Create(baseAddress, profile.SingleConnections);
        await RunPhaseAsync(http, bodies, profile.SingleConnections, profile.SingleWarmup, cancellationToken);
        var (histogram, errors, elapsed) = await RunPhaseAsync(http, bodies, profile.SingleConnections, profile.SingleDuration, cancellationToken);
        if (histogram.TotalCount == 0)
        {
            throw new InvalidOperationException($"no request was answered 202 ({errors} failed)");
        }

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{profile.SingleConnections} connections, closed loop, {profile.SingleWarmup.TotalSeconds:0} s warm-up, " +
            $"{elapsed.TotalSeconds:0.0} s measured: {histogram.TotalCount:N0} answered 202, {errors:N0} failed or answered otherwise");
        return LatencyOutcome.From(histogram, errors, elapsed, detail);
    }

    private static async Task<(LongHistogram Histogram, long Errors, TimeSpan Elapsed)> RunPhaseAsync(
        HttpClient http, IReadOnlyList<byte[]> bodies, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections)
            .Select(worker => Task.Run(() => WorkAsync(http, bodies, worker, clock, duration, cancellationToken), cancellationToken))
            .ToList();
        var results = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;

        return (LatencyHistogram.Merge(results.Select(r => r.Histogram)), results.Sum(r => r.Errors), elapsed);
    }

    private static async Task<(LongHistogram Histogram, long Errors)> WorkAsync(
        HttpClient http, IReadOnlyList<byte[]> bodies, int worker, Stopwatch clock, TimeSpan duration, CancellationToken cancellationToken)
    {
        var histogram = LatencyHistogram.Create();
        var errors = 0L;
        for (var i = worker; clock.Elapsed < duration; i++)
        {
            var started = Stopwatch.GetTimestamp();
            int status;
            try
            {
                status = await LoadHttpClient.PostEventsAsync(http, bodies[i % bodies.Count], cancellationToken);
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                status = 0;
            }

            if (status == StatusCodes.Status202Accepted)
            {
                LatencyHistogram.Record(histogram, Stopwatch.GetElapsedTime(started));
            }
            else
            {
                errors++;
            }
        }

        return (histogram, errors);
    }
}
