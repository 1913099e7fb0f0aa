using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// PostgreSQL mode as a user runs it: a silo process and a separate gateway process (an Orleans
/// client), both configured from silo-config/, against a real PostgreSQL, with the events stream in
/// memory or in the durable PostgreSQL queue. Counts survive a silo restart, and counting goes on
/// after it; the durable queue is drained by acknowledgements, with no dead letters, and events
/// posted again with the same ids are not counted again. The gateway asks for keys: the tests send
/// the admin key, and an account's keys, kept in PostgreSQL, send and read its events. The queue's
/// gauges on <c>/metrics</c> show it drained.
/// </summary>
public sealed class PostgresModeTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const string AdminKey = "integration-admin-key-0123456789abcdef";

    [SkippableTheory]
    [InlineData("Memory")]
    [InlineData("PostgreSql")]
    public async Task CountsSurviveASiloRestart(string streams)
    {
        var connectionString = postgres.Require();
        await using var cluster = new CountersCluster(connectionString, "--Counters:Streams", streams, "--Counters:Security:AdminKey", AdminKey);
        cluster.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var silo = cluster.StartSilo();
        try
        {
            await cluster.StartGatewayAsync();
            var truth = new GroundTruth();
            var properties = new PropertyGroundTruth();
            var first = PropertyGroundTruth.Decorate(new EventGenerator(seed: 11).Generate(2_000, hours: 16), seed: 11);
            properties.Add(first);
            await PostAllAsync(cluster.Client, truth, first);
            await AssertMatchesTruthAsync(cluster.Client, truth, "before the restart");

            await cluster.RestartSiloAsync(silo);
            await AssertMatchesTruthAsync(cluster.Client, truth, "after the restart");
            await AssertPropertiesMatchAsync(cluster.Client, properties, "after the restart");

            var second = PropertyGroundTruth.Decorate(new EventGenerator(seed: 12).Generate(1_000, hours: 8), seed: 12);
            properties.Add(second);
            await PostAllAsync(cluster.Client, truth, second);
            await AssertMatchesTruthAsync(cluster.Client, truth, "after counting on");
            await AssertPropertiesMatchAsync(cluster.Client, properties, "after counting on");
            Assert.True(await Sql.CountAsync(connectionString, "SELECT count(*) FROM OrleansStorage") > 0);
            if (streams == "PostgreSql")
            {
                var queued = await Eventually.ReadAsync(
                    () => Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(60));
                Assert.True(queued == 0, $"{queued} messages still queued: not acknowledged");
                Assert.Equal(0, await Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_dead_letter"));
                var metrics = await Eventually.ReadAsync(
                    () => cluster.Http.GetStringAsync("/metrics"),
                    text => Regex.IsMatch(text, Gauge("counters_queue_messages", 0)),
                    QueueMetricsPatience);
                Assert.Matches(Gauge("counters_queue_messages", 0), metrics);
                Assert.Matches(Gauge("counters_queue_dead_letters", 0), metrics);

                // A client that retries after a lost answer: every event carries an id, so none counts twice.
                foreach (var batch in second.Chunk(500))
                {
                    await cluster.Client.PostAsync(batch);
                }

                await Task.Delay(TimeSpan.FromSeconds(2));
                await AssertMatchesTruthAsync(cluster.Client, truth, "after posting the same events again");
            }

            await AssertAccountKeysWorkAsync(cluster, connectionString, "pg-keys-" + streams.ToLowerInvariant());
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    private static readonly TimeSpan QueueMetricsPatience = TimeSpan.FromSeconds(30);

    /// <summary>A Prometheus line of a gauge with this value, whatever its labels.</summary>
    private static string Gauge(string name, long value) => $@"(?m)^{name}(\{{[^}}]*\}})? {value}$";

    /// <summary>An account created by the admin: its keys are rows in PostgreSQL, and they send and read its events.</summary>
    private static async Task AssertAccountKeysWorkAsync(CountersCluster cluster, string connectionString, string account)
    {
        var (ingestKey, readKey) = await new StatsClient(cluster.Http).CreateAccountAsync(account);
        Assert.Equal(2, await Sql.CountAsync(connectionString, $"SELECT count(*) FROM counters_api_key WHERE account = '{account}'"));
        var when = DateTime.UtcNow.AddHours(-1);
        var path = $"/api/stats/track/{account}/pageview/{when.Year}/{when.Month}/{when.Day}/{when.Hour}";
        using var ingest = KeyClient(cluster, ingestKey);
        using var read = KeyClient(cluster, readKey);

        using var sent = await ingest.PostAsJsonAsync("/api/events", new[] { new { type = "pageview", timestamp = when }, new { type = "pageview", timestamp = when } });
        using var refused = await read.PostAsJsonAsync("/api/events", new[] { new { type = "pageview", timestamp = when } });
        var counted = await Eventually.ReadAsync(
            async () => (await read.GetFromJsonAsync<JsonElement>(path)).GetProperty("total").GetInt64(), total => total == 2, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(2, counted);
    }

    private static HttpClient KeyClient(CountersCluster cluster, string key) => new()
    {
        BaseAddress = cluster.Http.BaseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    private static async Task PostAllAsync(StatsClient client, GroundTruth truth, IReadOnlyList<CounterEvent> events)
    {
        foreach (var batch in events.Chunk(500))
        {
            await client.PostAsync(batch);
        }

        truth.Add(events);
    }

    private async Task AssertMatchesTruthAsync(StatsClient client, GroundTruth truth, string when)
    {
        CountsVerifier.CountsReader read = client.TrackAsync;
        await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromSeconds(30));
        var report = await CountsVerifier.VerifyAsync(truth, read);
        output.WriteLine($"{when}: {report}");
        Assert.True(report.Mismatches.Count == 0, $"{when}: {report}");
    }

    /// <summary>Every day's, month's and year's top list by each property, over HTTP, equals the counts made from the events.</summary>
    private async Task AssertPropertiesMatchAsync(StatsClient client, PropertyGroundTruth truth, string when)
    {
        async Task<Dictionary<string, long>> TopAsync((string Account, string Type, string Name, Period Period) breakdown)
        {
            var top = await client.Http.GetFromJsonAsync<JsonElement>(
                $"/api/stats/{breakdown.Account}/top?type={breakdown.Type}&by=prop:{breakdown.Name}&period={breakdown.Period}&limit=1000");
            return top.GetProperty("items").EnumerateArray().ToDictionary(item => item.GetProperty("value").GetString()!, item => item.GetProperty("count").GetInt64());
        }

        bool Same(Dictionary<string, long> top, (string, string, string, Period) breakdown) =>
            top.Count == truth.Values(breakdown).Count && truth.Values(breakdown).All(value => top.GetValueOrDefault(value.Key) == value.Value.Sum());

        var listed = truth.Breakdowns.Where(b => b.Period.Kind != PeriodKind.Hour).ToList();
        foreach (var year in listed.Where(b => b.Period.Kind == PeriodKind.Year))
        {
            await Eventually.ReadAsync(() => TopAsync(year), top => Same(top, year), TimeSpan.FromSeconds(30));
        }

        var mismatches = new List<string>();
        foreach (var breakdown in listed)
        {
            if (!Same(await TopAsync(breakdown), breakdown))
            {
                mismatches.Add(breakdown.ToString());
            }
        }

        output.WriteLine($"{when}: {listed.Count} property breakdowns compared, {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, $"{when}: {string.Join("; ", mismatches.Take(10))}");
    }
}
