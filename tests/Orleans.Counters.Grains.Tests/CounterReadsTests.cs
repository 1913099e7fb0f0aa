using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A counter's reads: each after the check against storage, from the state as it is then.</summary>
public sealed class CounterReadsTests
{
    private static readonly SeriesId Home = new("pageview", "/");
    private static readonly SeriesId Pricing = new("pageview", "/pricing");
    private static readonly Period Day = Period.Day(2025, 7, 1);

    private HourCountersState _state = new();
    private int _checks;

    [Fact]
    public async Task ASeriesNotCountedReadsAsZeroInEverySegment()
    {
        var counts = await Reads().GetCountsAsync(Home);

        Assert.Equal(Day.SegmentCount, counts.Segments.Length);
        Assert.All(counts.Segments, segment => Assert.Equal(0, segment));
        Assert.Equal(0, counts.Total);
        Assert.Null(await Reads().GetUsersAsync(Home));
    }

    [Fact]
    public async Task EachReadChecksFirstAndAnswersFromTheStateTheCheckLeft()
    {
        var stored = new HourCountersState();
        stored.CountsOf(Home, Day.SegmentCount)[5] = 4;
        var reads = new CounterReads(Day, () => _state, () =>
        {
            _checks++;
            _state = stored;
            return Task.CompletedTask;
        });

        var counts = await reads.GetCountsAsync(Home);

        Assert.Equal(1, _checks);
        Assert.Equal(4, counts.Total);
        Assert.Equal(4, counts.Segments[5]);
    }

    [Fact]
    public async Task TheTopRanksATypesSeriesByTotal()
    {
        _state.CountsOf(Home, Day.SegmentCount)[0] = 3;
        _state.CountsOf(Pricing, Day.SegmentCount)[1] = 9;
        _state.CountsOf(new SeriesId("click", "/"), Day.SegmentCount)[1] = 20;

        var top = await Reads().GetTopAsync("pageview", TopDimension.Url, 1);

        Assert.Equal(Pricing, Assert.Single(top.Top).Series);
        Assert.Equal(2, top.Distinct);
        Assert.Equal(1, _checks);
    }

    private CounterReads Reads() => new(Day, () => _state, () =>
    {
        _checks++;
        return Task.CompletedTask;
    });
}
