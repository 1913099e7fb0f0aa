using HdrHistogram;

namespace Orleans.Counters.Bench.Load;

/// <summary>
/// Open-loop load at a fixed rate: request i is due at i ÷ rate seconds and is sent then, whether or
/// not earlier ones have been answered. Its latency runs from when it was due, not from when it went
/// out, so a stalled server shows in the percentiles instead of slowing the load (no coordinated omission).
/// </summary>
public static class PacedLoad
{
    /// <summary>What a paced load measured.</summary>
    /// <param name="Histogram">Latencies of the requests that succeeded.</param>
    /// <param name="Succeeded">Requests that succeeded.</param>
    /// <param name="Failed">Requests that failed or got an unexpected answer.</param>
    /// <param name="Elapsed">From the first request due until the last was answered.</param>
    public sealed record Outcome(LongHistogram Histogram, long Succeeded, long Failed, TimeSpan Elapsed);

    /// <summary>
    /// Sends requests at <paramref name="perSecond"/> until <paramref name="stop"/> is signalled, then waits
    /// for the ones in flight. <paramref name="send"/> gets the request's number and says whether it succeeded.
    /// </summary>
    public static async Task<Outcome> RunAsync(
        double perSecond, Func<long, CancellationToken, Task<bool>> send, CancellationToken stop, CancellationToken cancellationToken)
    {
        var histogram = LatencyHistogram.Create();
        var succeeded = 0L;
        var failed = 0L;
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0L; !stop.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
            }

            inFlight.Add(SendAsync(i, due));
        }

        await Task.WhenAll(inFlight);
        cancellationToken.ThrowIfCancellationRequested();
        return new Outcome(histogram, succeeded, failed, clock.Elapsed);

        async Task SendAsync(long number, TimeSpan due)
        {
            bool ok;
            try
            {
                ok = await send(number, cancellationToken);
            }
            catch (HttpRequestException)
            {
                ok = false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ok = false;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var latency = clock.Elapsed - due;
            lock (histogram)
            {
                if (ok)
                {
                    LatencyHistogram.Record(histogram, latency);
                    succeeded++;
                }
                else
                {
                    failed++;
                }
            }
        }
    }

    /// <summary>Sends requests at <paramref name="perSecond"/> for <paramref name="duration"/>.</summary>
    public static async Task<Outcome> RunAsync(
        double perSecond, TimeSpan duration, Func<long, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        using var window = new CancellationTokenSource(duration);
        return await RunAsync(perSecond, send, window.Token, cancellationToken);
    }
}
