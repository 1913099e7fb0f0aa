using System.Diagnostics;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Durable mode under failure: three silo processes and a gateway on loopback, a seeded load,
/// a silo killed with SIGKILL in the middle of it. Afterwards every period at every level equals
/// ground truth: nothing lost, nothing counted twice.
/// </summary>
public sealed class ChaosTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const int EventCount = 50_000;
    private const int BatchSize = 500;

    [SkippableFact]
    public async Task KillingASiloUnderLoadLosesAndDoublesNothing()
    {
        var connectionString = postgres.Require();
        await using var cluster = new CountersCluster(
            connectionString,
            "--Counters:Streams", "PostgreSql",
            "--Counters:Grains:PersistInterval", "00:00:01");
        var silos = Enumerable.Range(0, 3).Select(_ => cluster.StartSilo()).ToList();
        try
        {
            await cluster.StartGatewayAsync();
            var events = new EventGenerator(seed: 31).Generate(EventCount, hours: 40);
            var truth = new GroundTruth();
            truth.Add(events);
            var batches = events.Chunk(BatchSize).ToList();
            var killAt = batches.Count / 3;
            var killed = new TaskCompletionSource<Stopwatch>();
            var retries = 0;
            var accepted = 0;

            await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            {
                if (i == killAt)
                {
                    await cluster.KillSiloAsync(silos[1]);
                    killed.SetResult(Stopwatch.StartNew());
                }

                Interlocked.Add(ref retries, await PostUntilAcceptedAsync(cluster.Client, batches[i]));
                Interlocked.Add(ref accepted, batches[i].Length);
            });

            var sinceKill = await killed.Task;
            CountsVerifier.CountsReader read = (series, period) => ReadWithRetryAsync(cluster.Client, series, period);
            await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromMinutes(3));
            var exactAfter = sinceKill.Elapsed;
            var report = await CountsVerifier.VerifyAsync(truth, read);
            var (counted, lost, doubled) = await CompareAllYearsAsync(truth, read);
            var queued = await Eventually.ReadAsync(() => Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(60));
            var deadLetters = await Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_dead_letter");

            output.WriteLine(
                $"kill -9 of one of 3 silos after {killAt} of {batches.Count} batches: sent {EventCount}, acknowledged (202) {accepted}, " +
                $"counted {counted}, lost {lost}, double counted {doubled}; {retries} retried requests; all counts exact " +
                $"{exactAfter.TotalSeconds:0.0} s after the kill; {queued} left queued, {deadLetters} dead letters; {report}");
            Assert.True(report.Mismatches.Count == 0, report.ToString());
            Assert.Equal(EventCount, accepted);
            Assert.Equal((EventCount, 0L, 0L), (counted, lost, doubled));
            Assert.Equal(0, queued);
            Assert.Equal(0, deadLetters);
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    /// <summary>Posts until the gateway answers 202, as a client retrying 503s does; returns how many retries it took.</summary>
    private static async Task<int> PostUntilAcceptedAsync(StatsClient client, IEnumerable<CounterEvent> batch)
    {
        for (var retries = 0; ; retries++)
        {
            try
            {
                await client.PostAsync(batch);
                return retries;
            }
            catch (HttpRequestException) when (retries < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Reads, retrying 503s: until the cluster declares the killed silo dead, calls to its grains fail.</summary>
    private static async Task<PeriodCounts> ReadWithRetryAsync(StatsClient client, SeriesKey series, Period period)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                return await client.TrackAsync(series, period);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Sums the <c>all</c> series' years: counted, and how far below (lost) or above (double counted) the truth.</summary>
    private static async Task<(long Counted, long Lost, long Doubled)> CompareAllYearsAsync(GroundTruth truth, CountsVerifier.CountsReader read)
    {
        long counted = 0, lost = 0, doubled = 0;
        foreach (var (series, period) in truth.Years.Where(y => y.Series.Account == SeriesKey.AllAccounts))
        {
            var expected = truth.Expected(series, period).Sum();
            var actual = (await read(series, period)).Total;
            counted += actual;
            lost += Math.Max(0, expected - actual);
            doubled += Math.Max(0, actual - expected);
        }

        return (counted, lost, doubled);
    }
}
