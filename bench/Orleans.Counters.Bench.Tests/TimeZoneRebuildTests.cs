using Orleans.Counters.Bench.Scenarios;
using Orleans.Counters.Periods;

namespace Orleans.Counters.Bench.Tests;

public sealed class TimeZoneRebuildTests
{
    private const string Kolkata = "Asia/Kolkata";

    [Fact]
    public void The_rebuilds_load_is_one_event_per_url_and_hour_with_every_hour_counted_on_both_sides_of_half_past()
    {
        var events = EventFactory.OneAccountSeriesHours("bench-tz", "bench-tz", urls: 10, hours: 50);

        Assert.Equal(500, events.Select(e => (e.Url, Hour: e.Timestamp.Date.AddHours(e.Timestamp.Hour))).Distinct().Count());
        Assert.All(events.GroupBy(e => e.Timestamp.Date.AddHours(e.Timestamp.Hour)), hour =>
        {
            Assert.Contains(hour, e => e.Timestamp.Minute < 30);
            Assert.Contains(hour, e => e.Timestamp.Minute >= 30);
        });
        var now = DateTime.UtcNow;
        Assert.True(events.Max(e => e.Timestamp) < new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc), "the current hour is left out");
    }

    [Fact]
    public void Kolkatas_periods_split_a_utc_hour_at_half_past_and_count_only_their_account_type_and_url()
    {
        BenchEvent At(int day, int hour, int minute, string url = "/page/0", string account = "a", string type = "t") =>
            new(account, type, url, new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Utc));
        BenchEvent[] events =
        [
            At(3, 10, 15), // Kolkata 3 December 15:45
            At(3, 10, 45), // 16:15
            At(3, 10, 50, url: "/page/1"), // 16:20
            At(3, 18, 29), // 23:59
            At(3, 18, 30), // 4 December 00:00
            At(3, 10, 46, account: "b"),
            At(3, 10, 47, type: "other"),
        ];

        var day = ZonedExpectation.Segments(events, Period.Day(2026, 12, 3, Kolkata), "a", "t");
        var hour = ZonedExpectation.Segments(events, Period.Hour(2026, 12, 3, 16, Kolkata), "a", "t");
        var urlDay = ZonedExpectation.Segments(events, Period.Day(2026, 12, 3, Kolkata), "a", "t", "/page/1");

        Assert.Equal(24, day.Length);
        Assert.Equal(4, day.Sum());
        Assert.Equal([1L, 2L, 1L], [day[15], day[16], day[23]]);
        Assert.Equal(60, hour.Length);
        Assert.Equal([1L, 1L], [hour[15], hour[20]]);
        Assert.Equal(2, hour.Sum());
        Assert.Equal(1, urlDay[16]);
        Assert.Equal(1, urlDay.Sum());
    }

    [Fact]
    public void The_figure_scales_the_rebuild_to_a_million_series_hours()
    {
        var outcome = new RebuildOutcome(SeriesHours: 101_000, Elapsed: TimeSpan.FromSeconds(20.2), HoursMoved: 1_000, Detail: "");

        Assert.Equal(200.0, outcome.SecondsPerMillionSeriesHours, precision: 9);
        Assert.Equal(5_000.0, outcome.SeriesHoursPerSecond, precision: 9);
        Assert.Equal(49.5, outcome.HourGroupsPerSecond, precision: 1);
    }

    [Fact]
    public void The_report_has_a_time_zone_rebuild_section_with_each_modes_figures_or_says_it_was_not_measured()
    {
        var measured = new RunMeasurements();
        measured.Default.Rebuild = new RebuildOutcome(101_000, TimeSpan.FromSeconds(12.345), 1_000, "");

        var section = MarkdownReport.RebuildSection(BenchFigures.From(measured).All).Split('\n');

        Assert.Equal("## Time zone rebuild", section[0]);
        var rebuild = TimeZoneRebuildScenario.Name(BenchFigures.DefaultMode);
        Assert.Equal(
        [
            $"| {rebuild}: series-hours rebuilt (N) | 101,000 | series-hours | — | — | — |  |",
            $"| {rebuild}: hour groups moved | 1,000 | hour groups | — | — | — |  |",
            $"| {rebuild}: time per million series-hours | 122.2 | s/million series-hours | — | — | — |  |",
            $"| {rebuild}: series-hours moved per second | 8,181 | series-hours/s | — | — | — |  |",
            $"| {rebuild}: hour groups moved per second | 81 | hour groups/s | — | — | — |  |",
        ], section.Where(line => line.StartsWith("| Time zone rebuild", StringComparison.Ordinal)));
        Assert.Contains("Not measured in this run.", MarkdownReport.RebuildSection(BenchFigures.From(new RunMeasurements()).All), StringComparison.Ordinal);
    }
}
