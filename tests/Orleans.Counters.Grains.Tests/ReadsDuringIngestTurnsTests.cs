using Orleans.Counters.Grains.Admission;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A counter answers reads while one of its ingestion turns waits on storage (issue 18, item 4): an hour whose
/// increment waits for its year's admission, a day whose report waits for its unclean write. Each read answers
/// either before or after the turn's change, never half of it.
/// </summary>
public sealed class ReadsDuringIngestTurnsTests(HeldWritesClusterFixture fixture) : IClassFixture<HeldWritesClusterFixture>
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task AnHourAnswersWhileAnIncrementWaitsForItsYearsAdmission()
    {
        const string account = "admission-held";
        var allUrls = new SeriesId("pageview", SeriesKey.AllUrls);
        var url = new SeriesId("pageview", "/new-page");
        var group = new CounterGroup(account, Period.Hour(2025, 7, 2, 7), CounterGroup.ShardOf(url.Url));
        var hour = fixture.Client.GetHourCounters(group);
        await hour.ApplyAsync(new GroupIncrement(account, new StreamPosition(1, 0), [new SeriesMinutes(allUrls, [new MinuteCount(3, 2)])]));
        fixture.Gate.Hold(SeriesAdmissionKey.Of(group));

        // A URL new to the hour asks the year's admission, which writes before it answers: held here.
        var applying = hour.ApplyAsync(new GroupIncrement(
            account, new StreamPosition(2, 0), [new SeriesMinutes(allUrls, [new MinuteCount(4, 5)]), new SeriesMinutes(url, [new MinuteCount(4, 5)])]));
        await fixture.Gate.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, (await hour.GetCountsAsync(allUrls).WaitAsync(Prompt)).Total);
        Assert.Equal(0, (await hour.GetCountsAsync(url).WaitAsync(Prompt)).Total);
        Assert.False(applying.IsCompleted);

        fixture.Gate.Release();
        Assert.Equal(HourApplyOutcome.Applied, (await applying).Outcome);
        Assert.Equal(7, (await hour.GetCountsAsync(allUrls)).Total);
        Assert.Equal(5, (await hour.GetCountsAsync(url)).Total);
    }

    [Fact]
    public async Task ADayAnswersWhileAReportWaitsForItsWrite()
    {
        const string account = "report-held";
        var series = new SeriesId("pageview", SeriesKey.AllUrls);
        var hourGroup = new CounterGroup(account, Period.Hour(2025, 7, 3, 7), CounterGroup.ShardOf(SeriesKey.AllUrls));
        var dayGroup = hourGroup with { Period = hourGroup.Period.Parent!.Value };
        var day = fixture.Client.GetCounters(dayGroup);
        // The day's first report after activation writes it unclean before the day answers the report: held here.
        fixture.Gate.Hold(dayGroup.ToString());

        await fixture.Client.GetHourCounters(hourGroup).ApplyAsync(
            new GroupIncrement(account, new StreamPosition(1, 0), [new SeriesMinutes(series, [new MinuteCount(3, 4)])]));
        await fixture.Gate.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var counts = await day.GetCountsAsync(series).WaitAsync(Prompt);
        Assert.Equal(4, counts.Total);
        Assert.Equal(4, counts.Segments[7]);

        fixture.Gate.Release();
        Assert.Equal(4, (await Eventually.ReadAsync(() => day.GetCountsAsync(series), c => c.Total == 4)).Total);
    }
}
