using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A counter's reports to its parent: absolute totals of the changed series under growing versions.</summary>
public sealed class ParentReporterTests
{
    private static readonly SeriesId Home = new("pageview", "/");
    private static readonly SeriesId Pricing = new("pageview", "/pricing");
    private static readonly CounterGroup Hour = new("reporter", Period.Hour(2025, 7, 1, 7), 0);

    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly HourCountersState _state = new();
    private readonly List<(CounterGroup Parent, ChildReport Report)> _sent = [];
    private Func<ChildReport, ReportReceipt> _parent = report => new ReportReceipt(true, report.Version);

    [Fact]
    public async Task ReportsCarryGrowingVersionsAndOnlyTheSeriesChangedSinceTheLastOneTaken()
    {
        var reporter = Reporter(Hour);
        Count(reporter, Home, 2);
        await reporter.ReportAsync();
        Count(reporter, Pricing, 5);
        await reporter.ReportAsync();
        await reporter.ReportAsync();

        Assert.Equal(2, _sent.Count);
        Assert.All(_sent, sent => Assert.Equal(Hour.Parent, sent.Parent));
        Assert.All(_sent, sent => Assert.Equal(7, sent.Report.Segment));
        var first = Assert.Single(_sent[0].Report.Totals);
        Assert.Equal(Home, first.Series);
        Assert.Equal(2, first.Total);
        var second = Assert.Single(_sent[1].Report.Totals);
        Assert.Equal(Pricing, second.Series);
        Assert.Equal(5, second.Total);
        Assert.True(_sent[1].Report.Version > _sent[0].Report.Version);
        Assert.Equal(_sent[1].Report.Version, _state.ReportedVersion);
        Assert.True(reporter.IsUpToDate);
    }

    [Fact]
    public async Task AReportNotTakenGoesAgainAboveTheVersionTheParentHolds()
    {
        var reporter = Reporter(Hour);
        Count(reporter, Home, 2);
        var held = _state.Version + 1_000;
        _parent = _ => new ReportReceipt(false, held);
        await reporter.ReportAsync();
        Assert.False(reporter.IsUpToDate);

        _parent = report => new ReportReceipt(true, report.Version);
        await reporter.ReportAsync();

        Assert.Equal(2, _sent.Count);
        Assert.Equal(Home, Assert.Single(_sent[1].Report.Totals).Series);
        Assert.True(_sent[1].Report.Version > held);
        Assert.True(reporter.IsUpToDate);
    }

    [Fact]
    public async Task AFailedReportIsFoldedIntoTheNext()
    {
        var reporter = Reporter(Hour);
        Count(reporter, Home, 2);
        _parent = _ => throw new TimeoutException("parent unreachable");
        await Assert.ThrowsAsync<TimeoutException>(reporter.ReportAsync);

        _parent = report => new ReportReceipt(true, report.Version);
        Count(reporter, Pricing, 5);
        await reporter.ReportAsync();

        Assert.Equal(["/", "/pricing"], _sent[^1].Report.Totals.Select(total => total.Series.Url).Order());
        Assert.True(reporter.IsUpToDate);
    }

    [Fact]
    public async Task AYearHasNoParentAndCountsItsChangesReported()
    {
        var reporter = Reporter(Hour with { Period = Period.Year(2025) });
        Count(reporter, Home, 2);
        await reporter.ReportAsync();

        Assert.Empty(_sent);
        Assert.True(reporter.IsUpToDate);
    }

    [Fact]
    public async Task AnUnfinishedReportIsResumedWithEverySeriesUnderANewVersion()
    {
        _state.CountsOf(Home, 60)[1] = 2;
        _state.CountsOf(Pricing, 60)[1] = 5;
        _state.Version = _clock.GetUtcNow().UtcTicks + 10;
        _state.ReportedVersion = _state.Version - 1;
        var stored = _state.Version;
        var reporter = Reporter(Hour);

        Assert.True(reporter.ResumeUnfinished());
        await reporter.ReportAsync();

        Assert.Equal(["/", "/pricing"], Assert.Single(_sent).Report.Totals.Select(total => total.Series.Url).Order());
        Assert.True(_sent[0].Report.Version > stored);
        Assert.False(reporter.ResumeUnfinished());
    }

    [Fact]
    public async Task ReportAllAgainSendsEverySeriesUnderANewVersionUnlessStopped()
    {
        var reporter = Reporter(Hour);
        Assert.False(reporter.ReportAllAgain());
        Count(reporter, Home, 2);
        Count(reporter, Pricing, 5);
        await reporter.ReportAsync();
        var reported = _state.ReportedVersion;

        Assert.True(reporter.ReportAllAgain());
        await reporter.ReportAsync();
        Assert.Equal(2, _sent[^1].Report.Totals.Length);
        Assert.True(_sent[^1].Report.Version > reported);

        reporter.Stop();
        Count(reporter, Home, 3);
        Assert.False(reporter.ReportAllAgain());
        await reporter.ReportAsync();
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public void TheReportOfAllCarriesEverySeriesUnderTheCurrentVersion()
    {
        var reporter = Reporter(Hour);
        Count(reporter, Home, 2);
        Count(reporter, Pricing, 5);

        var report = reporter.ReportOfAll();

        Assert.Equal(_state.Version, report.Version);
        Assert.Equal(["/", "/pricing"], report.Totals.Select(total => total.Series.Url).Order());
        Assert.Equal(7, report.Totals.Sum(total => total.Total));
    }

    private ParentReporter Reporter(CounterGroup group) => new(
        group,
        () => _state,
        (parent, report) =>
        {
            _sent.Add((parent, report));
            return Task.FromResult(_parent(report));
        },
        _clock,
        NullLogger.Instance,
        group.ToString());

    private void Count(ParentReporter reporter, SeriesId series, long count)
    {
        _state.CountsOf(series, 60)[0] = count;
        reporter.Changed(series);
        reporter.NextVersion();
    }
}
