using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Scaling as an autoscaler does, under a seeded load: a fourth silo joins three and takes part of
/// the work, then one of the first three is stopped with SIGTERM. Every period equals ground truth.
/// </summary>
public sealed class ScaleOutTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task AddingAFourthSiloAndRemovingOneUnderLoad_LosesAndDoublesNothing()
    {
        var connectionString = postgres.Require();
        await using var cluster = ChaosTests.StartDurableCluster(connectionString, silos: 3);
        try
        {
            await cluster.StartGatewayAsync();
            var fourth = -1;
            TimeSpan joined = default, stopped = default;
            var outcome = await new ChaosLoad(cluster, connectionString) { Seed = 59, EventCount = 100_000 }.RunAsync(async () =>
            {
                var clock = Stopwatch.StartNew();
                fourth = cluster.StartSilo();
                await WaitUntilReadyAsync(cluster.SiloHttp(fourth));
                joined = clock.Elapsed;
                await cluster.StopSiloAsync(0, StopTimeout);
                stopped = clock.Elapsed - joined;
            });

            using var http = new HttpClient();
            var metrics = await http.GetStringAsync(new Uri(cluster.SiloHttp(fourth), "/metrics"));
            var activations = Sum(metrics, "counters_grain_activations");
            var batchesCounted = Sum(metrics, "counters_freshness_lag_seconds_count");
            var scaling = $"the fourth silo ready {joined.TotalSeconds:0.0} s after it started, holding {activations} grain activations and having counted " +
                $"{batchesCounted} messages; silo 0 stopped {stopped.TotalSeconds:0.0} s after SIGTERM";
            output.WriteLine($"3 silos + 1 − 1 under load: {scaling}; {outcome}");
            outcome.Record($"3 silos, a fourth added and one removed under load ({scaling})");
            Assert.True(activations + batchesCounted > 0, "the fourth silo took no work: " + scaling);
            Assert.True(outcome.LoadEndedAfter > outcome.Outage, $"the load ended before the scaling did: {outcome}");
            outcome.AssertExact();
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    /// <summary>Waits until the silo answers 200 on <c>/health/ready</c>: it is Active in the membership table.</summary>
    private static async Task WaitUntilReadyAsync(Uri silo)
    {
        using var http = new HttpClient { BaseAddress = silo };
        var deadline = DateTime.UtcNow + JoinTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The fourth silo was not ready within {JoinTimeout}.");
    }

    /// <summary>The sum of a Prometheus metric's values over its labels.</summary>
    private static long Sum(string metrics, string name) =>
        Regex.Matches(metrics, $@"(?m)^{name}(\{{[^}}]*\}})? ([0-9.eE+-]+)$")
            .Sum(match => (long)double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
}
