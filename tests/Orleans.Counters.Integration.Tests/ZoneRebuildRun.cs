using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// One account's time zone change on a <see cref="CountersCluster"/>, for striking a fault while its rebuild runs:
/// seeds thousands of hours with counts (an event every 61 minutes, so the minute within the hour walks round and a
/// half-hour zone splits the hours' minutes both ways), changes the zone, waits until the rebuild is moving hours,
/// posts events meanwhile, and compares every hour (by minute), day, month and year of the new zone, of the account's
/// all-URL series and of one URL's, with what the events give, through every gateway.
/// </summary>
/// <param name="cluster">The cluster, its gateways started.</param>
/// <param name="account">The account; the run's events carry ids made from it, so a retried batch counts once.</param>
public sealed class ZoneRebuildRun(CountersCluster cluster, string account)
{
    private const string Pricing = "/pricing";
    private static readonly DateTime SeedStart = new(2022, 12, 31, 20, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);
    private readonly List<CounterEvent> _events = [];

    /// <summary>The zone the account moves to: half an hour off UTC, so every former hour's minutes land in two new hours.</summary>
    public const string Kolkata = "Asia/Kolkata";

    /// <summary>Every event posted and accepted so far.</summary>
    public IReadOnlyList<CounterEvent> Events => _events;

    /// <summary>The text the silo that runs the account's rebuild logs when it starts it.</summary>
    public string StartedLog => $"{account}: rebuilding its counts from UTC into {Kolkata}";

    /// <summary>The text the silo that finishes the account's rebuild logs.</summary>
    public string DoneLog => $"{account}: rebuilt ";

    /// <summary>Posts <paramref name="hours"/> events, one every 61 minutes from the last hours of 2022 on, and waits until each UTC year shows them.</summary>
    public async Task SeedAsync(int hours)
    {
        await PostAsync(Enumerable.Range(0, hours).Select(i => Event($"seed-{i}", SeedStart.AddMinutes(61 * i).AddSeconds(i % 60), i % 3 == 0 ? Pricing : "/")).ToList());
        await WaitCountedAsync(zone: null);
    }

    /// <summary>Posts events at seeded times within the seeded hours, as a client that retries does, after the zone changed.</summary>
    public Task PostMeanwhileAsync(string name, int count, int seed)
    {
        var random = new Random(seed);
        var span = (int)(_events.Max(e => e.Timestamp) - SeedStart).TotalSeconds;
        return PostAsync(Enumerable.Range(0, count)
            .Select(i => Event($"{name}-{i}", SeedStart.AddSeconds(random.Next(span)), random.Next(3) == 0 ? Pricing : "/"))
            .ToList());
    }

    /// <summary>Changes the account's zone to <see cref="Kolkata"/>; the answer must say a rebuild runs.</summary>
    public async Task ChangeZoneAsync()
    {
        using var response = await cluster.Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { timeZone = Kolkata });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("rebuilding").GetBoolean(), text);
    }

    /// <summary>
    /// Waits until the rebuild moves hours and has moved at least <paramref name="hours"/>, and returns its progress then.
    /// Fails when it is already past moving: a fault struck then would not land in the move, and the test would prove nothing.
    /// </summary>
    public async Task<(int Moved, int Found)> WaitMovingAsync(int hours)
    {
        var settings = await Eventually.ReadAsync(
            SettingsAsync,
            s => s.TryGetProperty("rebuild", out var r) && r.ValueKind == JsonValueKind.Object
                && (r.GetProperty("phase").GetString() != "finding" || !s.GetProperty("rebuilding").GetBoolean())
                && (r.GetProperty("phase").GetString() != "moving" || r.GetProperty("hoursMoved").GetInt32() >= hours),
            TimeSpan.FromSeconds(60));
        var rebuild = settings.GetProperty("rebuild");
        var moved = rebuild.GetProperty("hoursMoved").GetInt32();
        var found = rebuild.GetProperty("hoursFound").GetInt32();
        Assert.True(rebuild.GetProperty("phase").GetString() == "moving" && moved < found, $"The rebuild was past moving before the fault: {settings}");
        return (moved, found);
    }

    /// <summary>Waits until the rebuild is done and checks that it says so: phase done, into the new zone, every hour found moved.</summary>
    /// <remarks>
    /// Waits for both flags: the account's reads switch (rebuilding false) a moment before the rebuild marks itself done,
    /// and one answer can show that moment (seen once: rebuilding false with phase settling).
    /// </remarks>
    public async Task<JsonElement> WaitRebuiltAsync(TimeSpan timeout)
    {
        var settings = await Eventually.ReadAsync(
            SettingsAsync, s => !s.GetProperty("rebuilding").GetBoolean() && s.GetProperty("rebuild").GetProperty("phase").GetString() == "done", timeout);
        var rebuild = settings.GetProperty("rebuild");
        Assert.Equal(Kolkata, settings.GetProperty("timeZone").GetString());
        Assert.Equal("done", rebuild.GetProperty("phase").GetString());
        Assert.Equal("UTC", rebuild.GetProperty("from").GetString());
        Assert.Equal(Kolkata, rebuild.GetProperty("to").GetString());
        Assert.True(rebuild.GetProperty("hoursFound").GetInt32() > 0, settings.ToString());
        Assert.Equal(rebuild.GetProperty("hoursFound").GetInt32(), rebuild.GetProperty("hoursMoved").GetInt32());
        return settings;
    }

    /// <summary>
    /// Waits until every year of the new zone shows its events through every gateway (the events posted last may
    /// still be on their way up), then compares every period with events, segment by segment, through every gateway;
    /// returns how many periods were compared.
    /// </summary>
    public async Task<int> AssertEveryPeriodAsync()
    {
        // Waits without failing: a short count then fails below, naming every period that differs.
        await WaitCountedAsync(Kolkata, failOnTimeout: false);
        var expected = Truth(Kolkata);
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var gateway in cluster.Gateways)
        {
            foreach (var chunk in expected.Chunk(32))
            {
                var read = await Task.WhenAll(chunk.Select(pair => TrackAsync(gateway, pair.Key.Series, pair.Key.Period)));
                foreach (var ((key, segments), body) in chunk.Zip(read))
                {
                    compared++;
                    var data = body.GetProperty("data");
                    var actual = Enumerable.Range(0, key.Period.SegmentCount)
                        .Select(s => data.GetProperty(key.Period.SegmentLabel(s).ToString(CultureInfo.InvariantCulture)).GetInt64())
                        .ToArray();
                    var zone = body.GetProperty("timeZone").GetString();
                    var rebuilding = body.GetProperty("rebuilding").GetBoolean();
                    if (!actual.SequenceEqual(segments) || body.GetProperty("total").GetInt64() != segments.Sum() || zone != Kolkata || rebuilding)
                    {
                        mismatches.Add($"gateway {gateway.Index}, {key.Series} {key.Period}: expected {segments.Sum()} [{string.Join(',', segments)}], "
                            + $"read {body.GetProperty("total")} [{string.Join(',', actual)}] in {zone}{(rebuilding ? ", rebuilding" : "")}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} periods differ from the events:\n{string.Join('\n', mismatches.Take(30))}");
        return compared;
    }

    /// <summary>The account's settings, retried while the cluster recovers (a dead silo's grains, a database away).</summary>
    public Task<JsonElement> SettingsAsync() => GetAsync(cluster.Gateways[0], $"/api/accounts/{account}/settings");

    /// <summary>Every period with events of the account's all-URL series and of <see cref="Pricing"/>, in <paramref name="zone"/>, with its segments.</summary>
    private Dictionary<(SeriesKey Series, Period Period), long[]> Truth(string? zone)
    {
        var truth = new Dictionary<(SeriesKey, Period), long[]>();
        foreach (var counted in _events)
        {
            foreach (var series in new[] { SeriesKey.AllUrlsOf(account, "pageview"), new SeriesKey(account, "pageview", counted.Url!) })
            {
                if (series.Url is not (SeriesKey.AllUrls or Pricing))
                {
                    continue;
                }

                for (var kind = PeriodKind.Hour; kind <= PeriodKind.Year; kind++)
                {
                    var period = Period.Containing(kind, counted.Timestamp, zone);
                    if (!truth.TryGetValue((series, period), out var segments))
                    {
                        truth[(series, period)] = segments = new long[period.SegmentCount];
                    }

                    segments[period.SegmentOf(counted.Timestamp)]++;
                }
            }
        }

        return truth;
    }

    private async Task WaitCountedAsync(string? zone, bool failOnTimeout = true)
    {
        var years = Truth(zone).Where(pair => pair.Key.Period.Kind == PeriodKind.Year && pair.Key.Series.Url == SeriesKey.AllUrls).ToList();
        foreach (var gateway in cluster.Gateways)
        {
            foreach (var ((series, period), segments) in years)
            {
                Func<JsonElement, bool> counted = body => body.GetProperty("total").GetInt64() == segments.Sum();
                var timeout = TimeSpan.FromSeconds(90);
                var last = failOnTimeout
                    ? await Eventually.ReadAsync(() => TrackAsync(gateway, series, period), counted, timeout)
                    : await Eventually.ReadLastAsync(() => TrackAsync(gateway, series, period), counted, timeout);
                if (!counted(last))
                {
                    return;
                }
            }
        }
    }

    private CounterEvent Event(string id, DateTime at, string url) => new()
    {
        Account = account,
        Type = "pageview",
        Url = url,
        Timestamp = at,
        Id = $"{account}-{id}",
    };

    /// <summary>Posts in batches until each is accepted, retrying 503s and cut connections on the next gateway (event ids make a retry harmless).</summary>
    private async Task PostAsync(IReadOnlyList<CounterEvent> events)
    {
        foreach (var batch in events.Chunk(500))
        {
            var deadline = DateTime.UtcNow + GiveUpAfter;
            for (var attempt = 0; ; attempt++)
            {
                var gateway = cluster.Gateways[attempt % cluster.Gateways.Count];
                try
                {
                    using var response = await gateway.Client.SendAsync(batch);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        break;
                    }

                    var body = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline, $"POST /api/events answered {(int)response.StatusCode}: {body}");
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                }

                await Task.Delay(200);
            }

            _events.AddRange(batch);
        }
    }

    private static Task<JsonElement> TrackAsync(ClusterGateway gateway, SeriesKey series, Period period) => GetAsync(gateway, StatsClient.TrackPath(series, period));

    /// <summary>A GET answered 200, retried until then: a read fails while a dead silo's grains are not yet placed again, or the database is away.</summary>
    private static async Task<JsonElement> GetAsync(ClusterGateway gateway, string path)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            string answer;
            try
            {
                using var response = await gateway.Http.GetAsync(path);
                answer = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonDocument.Parse(answer).RootElement.Clone();
                }

                answer = $"{(int)response.StatusCode}: {answer}";
            }
            catch (HttpRequestException exception)
            {
                answer = exception.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"GET {path} through gateway {gateway.Index} did not answer 200 within {GiveUpAfter}; last: {answer}");
            }

            await Task.Delay(250);
        }
    }
}
