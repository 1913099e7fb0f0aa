using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Rebuild;
using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Tests;

/// <summary>An hour's minutes land in the hours of another zone that share them; a newer layer replaces the one before.</summary>
public sealed class ZoneLayersTests
{
    private static readonly SeriesId Pageviews = new("pageview", SeriesKey.AllUrls);
    private static readonly CounterGroup UtcHour = new("acme", Period.Hour(2025, 3, 14, 10), 1);

    [Fact]
    public void AUtcHour_SplitsIntoTwoKolkataHours_AtHalfPast()
    {
        var targets = ZoneLayers.Targets(UtcHour, new ZoneTarget("Asia/Kolkata", 1));

        Assert.Equal(2, targets.Count);
        // 10:00–10:30 UTC is 15:30–16:00 in Kolkata: the second half of its local hour 15, in generation 1's counters.
        Assert.Equal(new CounterGroup("acme#1", Period.Hour(2025, 3, 14, 15, "Asia/Kolkata"), 1), targets[0].Hour);
        Assert.Equal(30, targets[0].Minutes[0]);
        Assert.Equal(59, targets[0].Minutes[29]);
        Assert.Equal(-1, targets[0].Minutes[30]);
        Assert.Equal(0, targets[1].Minutes[30]);
        Assert.Equal(new DateTime(2025, 3, 14, 10, 30, 0, DateTimeKind.Utc), targets[1].Hour.Period.Start);
    }

    [Fact]
    public void AUtcHour_IsOneNewYorkHour_MinuteForMinute()
    {
        var target = Assert.Single(ZoneLayers.Targets(UtcHour with { Account = "acme#1" }, new ZoneTarget("America/New_York", 2)));

        Assert.Equal("acme#2", target.Hour.Account);
        Assert.Equal(UtcHour.Period.Start, target.Hour.Period.Start);
        Assert.Equal(Enumerable.Range(0, 60), target.Minutes);
    }

    [Fact]
    public void ANewerLayer_ReplacesTheOneBefore_AndLiveCountsStay()
    {
        var source = new CountersState { Version = 5 };
        source.CountsOf(Pageviews, 60)[10] = 3;
        source.ExtrasOf(Pageviews).SumsToChange(60)[10] = 12.5m;
        var first = Assert.Single(ZoneLayers.Of(UtcHour, source, new ZoneTarget(null, 1))).Layer;
        var target = new CountersState();
        target.CountsOf(Pageviews, 60)[10] = 7;

        ZoneLayers.Replace(target, null, first);
        ZoneLayers.Replace(target, first, first);
        Assert.Equal(10, target.Series[Pageviews][10]);

        source.CountsOf(Pageviews, 60)[10] = 4;
        source.CountsOf(Pageviews, 60)[11] = 1;
        source.Version = 6;
        var second = Assert.Single(ZoneLayers.Of(UtcHour, source, new ZoneTarget(null, 1))).Layer;
        ZoneLayers.Replace(target, first, second);

        Assert.Equal(11, target.Series[Pageviews][10]);
        Assert.Equal(1, target.Series[Pageviews][11]);
        Assert.Equal(12.5m, target.Extras[Pageviews].Sums![10]);
        Assert.Equal(6, second.Version);
        Assert.Equal(UtcHour.ToString(), second.Source);
    }
}
