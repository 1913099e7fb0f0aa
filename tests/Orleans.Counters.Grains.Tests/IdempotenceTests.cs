namespace Orleans.Counters.Grains.Tests;

/// <summary>Replayed stream messages and re-sent rollup reports never count twice.</summary>
public sealed class IdempotenceTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly SeriesId Home = new("pageview", "/");
    private static readonly SeriesId Pricing = new("pageview", "/pricing");

    [Fact]
    public async Task AReSentChildReportDoesNotDoubleCount()
    {
        var day = fixture.Client.GetRollupCounters(new CounterGroup("resend", Period.Day(2025, 3, 9), 0));

        Assert.True((await day.ReportAsync(Report(segment: 7, version: 100, (Home, 10)))).Taken);
        Assert.False((await day.ReportAsync(Report(segment: 7, version: 100, (Home, 10)))).Taken);
        Assert.False((await day.ReportAsync(Report(segment: 7, version: 99, (Home, 4)))).Taken);

        var counts = await day.GetCountsAsync(Home);
        Assert.Equal(10, counts.Segments[7]);
        Assert.Equal(10, counts.Total);
    }

    [Fact]
    public async Task ANewerChildReportReplacesTheTotalsItCarriesAndKeepsTheOthers()
    {
        var month = fixture.Client.GetRollupCounters(new CounterGroup("replace", Period.Month(2024, 2), 0));

        await month.ReportAsync(Report(segment: 28, version: 1, (Home, 5), (Pricing, 2)));
        await month.ReportAsync(Report(segment: 28, version: 2, (Home, 8)));
        await month.ReportAsync(Report(segment: 0, version: 1, (Home, 1)));

        var home = await month.GetCountsAsync(Home);
        Assert.Equal(8, home.Segments[28]);
        Assert.Equal(9, home.Total);
        var pricing = await month.GetCountsAsync(Pricing);
        Assert.Equal(2, pricing.Segments[28]);
        Assert.Equal(2, pricing.Total);
    }

    [Fact]
    public async Task AReplayedStreamMessageIsIgnored()
    {
        var hour = fixture.Client.GetHourCounters(new CounterGroup("replay", Period.Hour(2025, 6, 1, 12), 0));
        var message = new GroupIncrement("replay", new StreamPosition(500, 0),
        [
            new SeriesMinutes(Home, [new MinuteCount(3, 2), new MinuteCount(59, 1)]),
            new SeriesMinutes(Pricing, [new MinuteCount(0, 1)]),
        ]);

        Assert.Equal(HourApplyOutcome.Applied, (await hour.ApplyAsync(message)).Outcome);
        Assert.Equal(HourApplyOutcome.Replay, (await hour.ApplyAsync(message)).Outcome);
        Assert.Equal(HourApplyOutcome.Replay, (await hour.ApplyAsync(message with { Position = new StreamPosition(499, 7) })).Outcome);
        Assert.Equal(HourApplyOutcome.Applied, (await hour.ApplyAsync(message with { Position = new StreamPosition(500, 1) })).Outcome);
        Assert.Equal(HourApplyOutcome.Applied, (await hour.ApplyAsync(message with { Source = "other-account" })).Outcome);

        var home = await hour.GetCountsAsync(Home);
        Assert.Equal(6, home.Segments[3]);
        Assert.Equal(3, home.Segments[59]);
        Assert.Equal(9, home.Total);
        Assert.Equal(3, (await hour.GetCountsAsync(Pricing)).Total);
    }

    [Fact]
    public async Task AnIncrementNamingAnotherActivationIsRefusedAndChangesNothing()
    {
        var hour = fixture.Client.GetHourCounters(new CounterGroup("reincarnated", Period.Hour(2025, 6, 1, 12), 0));
        var first = new GroupIncrement("reincarnated", new StreamPosition(10, 0), [new SeriesMinutes(Home, [new MinuteCount(1, 1)])]);
        var applied = await hour.ApplyAsync(first);
        Assert.Equal(HourApplyOutcome.Applied, applied.Outcome);

        // Sent by an ingest grain that applied earlier messages to an activation since gone.
        var refused = await hour.ApplyAsync(first with { Position = new StreamPosition(12, 0), Incarnation = Guid.NewGuid() });
        Assert.Equal(new HourApplyResult(HourApplyOutcome.Reincarnated, applied.Incarnation, new StreamPosition(10, 0)), refused);
        Assert.Equal(1, (await hour.GetCountsAsync(Home)).Total);

        // Named rightly, it is applied; so is one that names none.
        Assert.Equal(HourApplyOutcome.Applied, (await hour.ApplyAsync(first with { Position = new StreamPosition(11, 0), Incarnation = applied.Incarnation })).Outcome);
        Assert.Equal(HourApplyOutcome.Applied, (await hour.ApplyAsync(first with { Position = new StreamPosition(12, 0) })).Outcome);
        Assert.Equal(3, (await hour.GetCountsAsync(Home)).Total);
        Assert.Equal(applied.Incarnation, (await hour.GetPersistedPositionAsync("reincarnated")).Incarnation);
    }

    [Fact]
    public async Task AMessageWithAMinuteOutsideTheHourIsRefusedWhole()
    {
        var hour = fixture.Client.GetHourCounters(new CounterGroup("bad-minute", Period.Hour(2025, 6, 1, 12), 0));
        var message = new GroupIncrement("bad-minute", new StreamPosition(1, 0),
        [
            new SeriesMinutes(Home, [new MinuteCount(3, 2)]),
            new SeriesMinutes(Pricing, [new MinuteCount(60, 1)]),
        ]);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => hour.ApplyAsync(message));

        Assert.Equal(0, (await hour.GetCountsAsync(Home)).Total);
        Assert.Equal(HourApplyOutcome.Applied, (await hour.ApplyAsync(message with { Series = [message.Series[0]] })).Outcome);
    }

    [Fact]
    public async Task AnHourRollsUpIntoItsDayMonthAndYear()
    {
        var series = SeriesKey.AllUrlsOf("rollup", "click");
        var hour = Period.Hour(2024, 12, 31, 23);
        await fixture.Client.GetHourCounters(CounterGroup.Of(series, hour))
            .ApplyAsync(new GroupIncrement("rollup", new StreamPosition(1, 0), [new SeriesMinutes(series.Id, [new MinuteCount(59, 4)])]));

        var counts = await Eventually.ReadAsync(() => fixture.Client.GetCountsAsync(series, Period.Year(2024)), c => c.Total == 4);

        Assert.Equal(4, counts.Segments[11]);
        Assert.Equal(4, (await fixture.Client.GetCountsAsync(series, Period.Month(2024, 12))).Segments[30]);
        Assert.Equal(4, (await fixture.Client.GetCountsAsync(series, Period.Day(2024, 12, 31))).Segments[23]);
    }

    private static ChildReport Report(int segment, long version, params (SeriesId Series, long Total)[] totals) =>
        new(segment, version, [.. totals.Select(t => new SeriesTotal(t.Series, t.Total))]);
}
