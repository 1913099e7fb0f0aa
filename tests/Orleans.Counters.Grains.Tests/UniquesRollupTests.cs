using Orleans.Counters.Uniques;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Distinct users merged up from hours to day, month and year, past the exact range.</summary>
public sealed class UniquesRollupTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly SeriesId Home = new("pageview", "/");

    [Fact]
    public async Task ADaysUsers_AreTheUnionOfItsHours_WithinTwoPercent_AndRiseNoFurtherUpTheRollups()
    {
        // Three hours of 6,000 users each, overlapping by 2,000: 14,000 distinct, far past the exact 2,048.
        const string account = "uniques-dense";
        for (var hour = 0; hour < 3; hour++)
        {
            var users = Enumerable.Range(hour * 4_000, 6_000).Select(u => UserIdHash.Of($"user-{u}")).ToImmutableArray();
            var group = new CounterGroup(account, Period.Hour(2025, 8, 8, 10 + hour), CounterGroup.ShardOf(Home.Url));
            foreach (var (part, index) in users.Chunk(1_000).Select((part, index) => (part, index)))
            {
                var added = new SeriesMinutes(Home, [new MinuteCount(index, part.Length)]) { Users = [.. part] };
                await fixture.Client.GetHourCounters(group).ApplyAsync(new GroupIncrement(account, new StreamPosition(index + 1, 0), [added]));
            }
        }

        var series = new SeriesKey(account, Home.Type, Home.Url);
        var year = await Eventually.ReadAsync(() => fixture.Client.GetCountsAsync(series, Period.Year(2025)), c => c.Total == 18_000);
        var day = await fixture.Client.GetCountsAsync(series, Period.Day(2025, 8, 8));
        var hourUsers = await fixture.Client.GetCountsAsync(series, Period.Hour(2025, 8, 8, 11));

        Assert.InRange(day.Uniques, 14_000 * 0.98, 14_000 * 1.02);
        Assert.InRange(hourUsers.Uniques, 6_000 * 0.98, 6_000 * 1.02);
        Assert.Equal(day.Uniques, (await fixture.Client.GetCountsAsync(series, Period.Month(2025, 8))).Uniques);
        Assert.Equal(day.Uniques, year.Uniques);
    }

    [Fact]
    public async Task AReSentReportWithUsers_CountsNobodyTwice()
    {
        var day = fixture.Client.GetRollupCounters(new CounterGroup("uniques-resend", Period.Day(2025, 3, 9), 0));
        var users = new UserSketch();
        users.Add("ann");
        users.Add("bob");

        await day.ReportAsync(new ChildReport(7, 100, [new SeriesTotal(Home, 2) { Users = users }]));
        await day.ReportAsync(new ChildReport(7, 101, [new SeriesTotal(Home, 2) { Users = users }]));
        await day.ReportAsync(new ChildReport(8, 100, [new SeriesTotal(Home, 1) { Users = users }]));

        var counts = await day.GetCountsAsync(Home);
        Assert.Equal((3L, 2L), (counts.Total, counts.Uniques));
    }
}
