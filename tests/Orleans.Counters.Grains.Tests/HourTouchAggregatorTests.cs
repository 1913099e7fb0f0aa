using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Uniques;

namespace Orleans.Counters.Grains.Tests;

public sealed class HourTouchAggregatorTests
{
    private static readonly DateTime Nine = new(2025, 5, 5, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ABatchMakesOneTouchPerHourGroupHoweverManyUrlsItHolds()
    {
        var events = Enumerable.Range(0, 200).Select(i => Event($"/page/{i}", Nine.AddMinutes(i % 60)));

        var touches = HourTouchAggregator.Aggregate(new EventBatch("acme", [.. events]));

        // The account's shards, and the all-accounts hour.
        Assert.Equal(CounterGroup.ShardCount + 1, touches.Count);
        Assert.Equal(touches.Count, touches.Select(t => t.Hour).Distinct().Count());
        Assert.All(touches, t => Assert.Equal(Period.Hour(2025, 5, 5, 9), t.Hour.Period));
        Assert.Equal(200 + 1, touches.Where(t => t.Hour.Account == "acme").Sum(t => t.Series.Length));
        Assert.All(touches.SelectMany(t => t.Series.Select(s => (t.Hour, s.Series))), pair =>
            Assert.Equal(CounterGroup.ShardOf(pair.Series.Url), pair.Hour.Shard));
    }

    [Fact]
    public void EachEventCountsInItsUrlTheAccountsStarAndAll()
    {
        var batch = new EventBatch("acme",
        [
            Event("/a", Nine.AddMinutes(5)),
            Event("/a", Nine.AddMinutes(5)),
            Event(null, Nine.AddMinutes(6)),
            Event("/a", Nine.AddHours(1)),
        ]);

        var counts = HourTouchAggregator.Aggregate(batch)
            .SelectMany(t => t.Series.SelectMany(s => s.Minutes.Select(m => (t.Hour.Account, t.Hour.Period.Start.Hour, s.Series.Url, m.Minute, m.Count))))
            .ToList();

        (string, int, string, int, long)[] expected =
        [
            ("acme", 9, "/a", 5, 2), ("acme", 9, "*", 5, 2), ("acme", 9, "*", 6, 1), ("all", 9, "*", 5, 2), ("all", 9, "*", 6, 1),
            ("acme", 10, "/a", 0, 1), ("acme", 10, "*", 0, 1), ("all", 10, "*", 0, 1),
        ];
        Assert.Equal(expected.Order(), counts.Order());
    }

    [Fact]
    public void ABotsEventCountsApart_WithoutItsValueUserOrReferrer()
    {
        var referred = ImmutableDictionary<string, string>.Empty.Add("referrer", "https://www.example.org/x");
        var batch = new EventBatch("acme",
        [
            Event("/a", Nine) with { UserAgent = "crawler", UserId = "u1", Value = 5, Properties = referred },
            Event("/a", Nine) with { UserAgent = "browser", UserId = "u2", Value = 2.5, Properties = referred },
            Event("/a", Nine) with { UserId = "u2", Value = 0.25 },
        ]);

        var touches = HourTouchAggregator.Aggregate(batch, zone: null, isBot: agent => agent == "crawler");

        var url = touches.SelectMany(t => t.Series).Single(s => s.Series == new SeriesId("pageview", "/a"));
        Assert.Equal([new MinuteCount(0, 2)], url.Minutes.ToArray());
        Assert.Equal([new MinuteCount(0, 1)], url.Bots.ToArray());
        Assert.Equal([new MinuteSum(0, 2.75m)], url.Sums.ToArray());
        Assert.Equal([UserIdHash.Of("u2")], url.Users.ToArray());
        var referrer = touches.SelectMany(t => t.Series).Single(s => s.Series.IsReferrer);
        Assert.Equal(("example.org", 1L), (referrer.Series.Referrer, referrer.Minutes.Single().Count));
        Assert.Empty(referrer.Users);
        Assert.Empty(referrer.Sums);
    }

    [Fact]
    public void ATrackedPropertyCountsInItsValuesSeries_UntrackedBlankReferrerAndBotsNot()
    {
        var properties = ImmutableDictionary<string, string>.Empty
            .Add("plan", "pro").Add("utm_source", "newsletter").Add("colour", "red").Add("blank", "  ").Add("referrer", "https://google.com/");
        var batch = new EventBatch("acme",
        [
            Event("/a", Nine.AddMinutes(3)) with { Properties = properties, Value = 10, UserId = "u1" },
            Event("/b", Nine.AddMinutes(3)) with { Properties = properties },
            Event("/a", Nine.AddMinutes(4)) with { Properties = properties, UserAgent = "crawler" },
        ]);

        var touches = HourTouchAggregator.Aggregate(batch, zone: null, isBot: agent => agent == "crawler", isTracked: name => name != "colour");

        var values = touches.SelectMany(t => t.Series.Select(s => (t.Hour.Shard, s))).Where(pair => pair.s.Series.IsProperty).ToList();
        Assert.Equal(
            [("plan", "pro", 2L), ("utm_source", "newsletter", 2L)],
            values.Select(pair => (pair.s.Series.Property!, pair.s.Series.Value, pair.s.Minutes.Sum(m => m.Count))).Order());
        Assert.All(values, pair => Assert.Equal(CounterGroup.ShardOf(pair.s.Series.Url), pair.Shard));
        Assert.All(values, pair => Assert.True(pair.s.Users.IsEmpty && pair.s.Sums.IsEmpty && pair.s.Bots.IsEmpty));
        Assert.Equal(3, touches.SelectMany(t => t.Series).Where(s => s.Series.Url == SeriesKey.AllUrls && s.Series.Type == "pageview").Sum(s => s.Minutes.Sum(m => m.Count) + s.Bots.Sum(m => m.Count)) / 2);
    }

    [Fact]
    public void WithoutTrackedNamesNoPropertyIsCounted()
    {
        var batch = new EventBatch("acme", [Event("/a", Nine) with { Properties = ImmutableDictionary<string, string>.Empty.Add("plan", "pro") }]);

        Assert.DoesNotContain(HourTouchAggregator.Aggregate(batch).SelectMany(t => t.Series), s => s.Series.IsProperty);
    }

    [Fact]
    public void AnAccountsEventsCountInItsZonesHours_AllInUtc()
    {
        var batch = new EventBatch("acme", [Event("/a", new DateTime(2025, 5, 5, 18, 45, 0, DateTimeKind.Utc))]);

        var touches = HourTouchAggregator.Aggregate(batch, zone: "Asia/Kolkata");

        var account = touches.Where(t => t.Hour.Account == "acme").Select(t => t.Hour.Period).Distinct().Single();
        var all = touches.Single(t => t.Hour.Account == SeriesKey.AllAccounts);
        Assert.Equal(Period.Hour(2025, 5, 6, 0, "Asia/Kolkata"), account);
        Assert.Equal(15, touches.First(t => t.Hour.Account == "acme").Series[0].Minutes.Single().Minute);
        Assert.Equal(Period.Hour(2025, 5, 5, 18), all.Hour.Period);
        Assert.Equal(45, all.Series.Single().Minutes.Single().Minute);
    }

    private static CounterEvent Event(string? url, DateTime at) =>
        new() { Account = "acme", Type = "pageview", Url = url, Timestamp = at };
}
