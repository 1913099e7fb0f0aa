using System.Text.Json;

namespace Orleans.Counters.Bench.Tests;

public sealed class RichEventsTests
{
    private static readonly BenchProfile Profile = BenchProfile.Quick;

    [Fact]
    public void Every_rich_event_carries_a_user_a_value_and_a_user_agent_a_tenth_of_them_a_crawlers()
    {
        var events = EventFactory.Rich(10_000, "bench-rich", Profile, seed: 8);

        Assert.All(events, e => Assert.True(e.UserId is not null && e.Value is not null && e.UserAgent is not null));
        Assert.InRange(events.Count(EventFactory.IsCrawler) / (double)events.Length, 0.08, 0.12);
    }

    [Fact]
    public void A_batch_body_sends_the_user_the_value_and_the_user_agent()
    {
        var e = new BenchEvent("bench-0", "bench-rich", "/page/1", new DateTime(2026, 12, 4, 6, 0, 0, DateTimeKind.Utc), "user-7", 12.5, "Mozilla/5.0 (compatible; Googlebot/2.1)");

        var sent = JsonDocument.Parse(EventJson.Batches([e], 1_000).Single()).RootElement[0];

        Assert.Equal("user-7", sent.GetProperty("userId").GetString());
        Assert.Equal(12.5, sent.GetProperty("value").GetDouble());
        Assert.Equal("Mozilla/5.0 (compatible; Googlebot/2.1)", sent.GetProperty("userAgent").GetString());
    }

    [Fact]
    public void A_plain_event_sends_none_of_them()
    {
        var e = EventFactory.Create(1, "bench-batch", Profile, seed: 1)[0];

        var sent = JsonDocument.Parse(EventJson.Batches([e], 1_000).Single()).RootElement[0];

        Assert.False(sent.TryGetProperty("userId", out _));
        Assert.False(sent.TryGetProperty("value", out _));
        Assert.False(sent.TryGetProperty("userAgent", out _));
        Assert.False(EventFactory.IsCrawler(e));
    }
}
