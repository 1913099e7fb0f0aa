namespace Orleans.Counters.Grains.Tests;

/// <summary>Replayed stream messages and re-sent rollup totals never count twice.</summary>
public sealed class IdempotenceTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task AReSentChildTotalDoesNotDoubleCount()
    {
        var day = fixture.Client.GetRollupCounter(SeriesKey.AllUrlsOf("resend", "pageview"), Period.Day(2025, 3, 9));

        Assert.True(await day.ReportAsync(new ChildTotal(Segment: 7, Version: 100, Total: 10)));
        Assert.False(await day.ReportAsync(new ChildTotal(Segment: 7, Version: 100, Total: 10)));
        Assert.False(await day.ReportAsync(new ChildTotal(Segment: 7, Version: 99, Total: 4)));

        var counts = await day.GetCountsAsync();
        Assert.Equal(10, counts.Segments[7]);
        Assert.Equal(10, counts.Total);
    }

    [Fact]
    public async Task ANewerChildTotalReplacesTheOldOneInsteadOfAdding()
    {
        var month = fixture.Client.GetRollupCounter(SeriesKey.AllUrlsOf("replace", "order"), Period.Month(2024, 2));

        await month.ReportAsync(new ChildTotal(Segment: 28, Version: 1, Total: 5));
        await month.ReportAsync(new ChildTotal(Segment: 28, Version: 2, Total: 8));
        await month.ReportAsync(new ChildTotal(Segment: 0, Version: 1, Total: 1));

        var counts = await month.GetCountsAsync();
        Assert.Equal(8, counts.Segments[28]);
        Assert.Equal(9, counts.Total);
    }

    [Fact]
    public async Task AReplayedStreamMessageIsIgnored()
    {
        var hour = fixture.Client.GetHourCounter(SeriesKey.AllUrlsOf("replay", "pageview"), Period.Hour(2025, 6, 1, 12));
        var message = new HourIncrement("replay", new StreamPosition(500, 0), [new MinuteCount(3, 2), new MinuteCount(59, 1)]);

        Assert.True(await hour.ApplyAsync(message));
        Assert.False(await hour.ApplyAsync(message));
        Assert.False(await hour.ApplyAsync(message with { Position = new StreamPosition(499, 7) }));
        Assert.True(await hour.ApplyAsync(message with { Position = new StreamPosition(500, 1) }));
        Assert.True(await hour.ApplyAsync(message with { Source = "other-account" }));

        var counts = await hour.GetCountsAsync();
        Assert.Equal(6, counts.Segments[3]);
        Assert.Equal(3, counts.Segments[59]);
        Assert.Equal(9, counts.Total);
    }

    [Fact]
    public async Task AnHourRollsUpIntoItsDayMonthAndYear()
    {
        var series = SeriesKey.AllUrlsOf("rollup", "click");
        var hour = Period.Hour(2024, 12, 31, 23);
        await fixture.Client.GetHourCounter(series, hour).ApplyAsync(new HourIncrement("rollup", new StreamPosition(1, 0), [new MinuteCount(59, 4)]));

        var year = fixture.Client.GetCounter(series, Period.Year(2024));
        var counts = await Eventually.ReadAsync(year.GetCountsAsync, c => c.Total == 4);

        Assert.Equal(4, counts.Segments[11]);
        Assert.Equal(4, (await fixture.Client.GetCounter(series, Period.Month(2024, 12)).GetCountsAsync()).Segments[30]);
        Assert.Equal(4, (await fixture.Client.GetCounter(series, Period.Day(2024, 12, 31)).GetCountsAsync()).Segments[23]);
    }
}
