using Xunit.Abstractions;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>Events posted over HTTP are counted exactly, as read back over HTTP.</summary>
[Collection(GroundTruthCollection.Name)]
public sealed class GroundTruthOverHttpTests(GatewayFixture gateway, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryPeriodReadOverHttpEqualsGroundTruth()
    {
        var events = new EventGenerator(seed: 7).Generate(4_000, hours: 24);
        var truth = new GroundTruth();
        truth.Add(events);
        foreach (var batch in events.Chunk(500))
        {
            await gateway.Client.PostAsync(batch);
        }

        CountsVerifier.CountsReader read = gateway.Client.TrackAsync;
        await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromSeconds(30));
        var report = await CountsVerifier.VerifyAsync(truth, read);

        output.WriteLine(report.ToString());
        Assert.True(report.Mismatches.Count == 0, report.ToString());
    }
}

/// <summary>The ingestion formats and defaults.</summary>
[Collection(GatewayCollection.Name)]
public sealed class IngestionFormatTests(GatewayFixture gateway)
{
    [Fact]
    public async Task NdjsonIsCountedLineByLine()
    {
        var body = """
            {"account":"ndjson","type":"pageview","url":"/one","timestamp":"2025-04-01T10:00:00Z"}

            {"account":"ndjson","type":"pageview","url":"/two","timestamp":"2025-04-01T10:30:00Z"}
            {"account":"ndjson","type":"order","timestamp":"2025-04-01T10:59:59Z"}
            """;
        using var response = await gateway.Client.Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var hour = await Eventually.ReadAsync(() => gateway.Client.TrackAsync(SeriesKey.AllUrlsOf("ndjson", "pageview"), Period.Hour(2025, 4, 1, 10)), c => c.Total == 2);
        Assert.Equal(1, hour.Segments[0]);
        Assert.Equal(1, hour.Segments[30]);
    }

    [Fact]
    public async Task AUrlIsCountedWithoutItsQueryStringAndFragment()
    {
        var body = """
            [{"account":"urls","type":"pageview","url":"/shop?utm=mail#top","timestamp":"2025-05-05T05:05:05Z"},
             {"account":"urls","type":"pageview","url":"https://example.com/shop?x=1","timestamp":"2025-05-05T05:06:05Z"}]
            """;
        using var response = await gateway.Client.Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var shop = await Eventually.ReadAsync(() => gateway.Client.TrackAsync(new SeriesKey("urls", "pageview", "/shop"), Period.Day(2025, 5, 5)), c => c.Total == 2);

        Assert.Equal(2, shop.Segments[5]);
    }

    [Fact]
    public async Task AnEventWithoutTimestampIsCountedNow()
    {
        using var response = await gateway.Client.Http.PostAsync("/api/events", new StringContent("""{"account":"now","type":"ping"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var year = Period.Containing(PeriodKind.Year, DateTime.UtcNow);
        var counts = await Eventually.ReadAsync(() => gateway.Client.TrackAsync(SeriesKey.AllUrlsOf("now", "ping"), year), c => c.Total == 1);

        Assert.Equal(1, counts.Total);
    }
}
