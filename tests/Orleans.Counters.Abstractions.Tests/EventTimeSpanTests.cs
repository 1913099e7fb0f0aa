using Orleans.Counters.Grains;

namespace Orleans.Counters.Abstractions.Tests;

public sealed class EventTimeSpanTests
{
    private static readonly DateTime Nine = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Ten = Nine.AddHours(1);
    private static readonly DateTime Eleven = Nine.AddHours(2);

    [Fact]
    public void AnEmptySpan_CoversOnlyAnEmptyOne()
    {
        var empty = new EventTimeSpan(null, null);

        Assert.True(empty.Covers(empty));
        Assert.False(empty.Covers(new EventTimeSpan(Nine, Nine)));
        Assert.True(new EventTimeSpan(Nine, Nine).Covers(empty));
    }

    [Fact]
    public void ASpan_CoversWhatLiesWithinIt_AndNotWhatReachesPast()
    {
        var span = new EventTimeSpan(Nine, Eleven);

        Assert.True(span.Covers(new EventTimeSpan(Ten, Ten)));
        Assert.True(span.Covers(span));
        Assert.False(span.Covers(new EventTimeSpan(Ten, Eleven.AddMinutes(1))));
        Assert.False(span.Covers(new EventTimeSpan(Nine.AddMinutes(-1), Ten)));
    }

    [Fact]
    public void TheUnion_HoldsBoth_AndAnEmptySpanChangesNothing()
    {
        Assert.Equal(new EventTimeSpan(Nine, Eleven), new EventTimeSpan(Ten, Eleven).Union(new EventTimeSpan(Nine, Ten)));
        Assert.Equal(new EventTimeSpan(Nine, Ten), new EventTimeSpan(Nine, Ten).Union(new EventTimeSpan(null, null)));
        Assert.Equal(new EventTimeSpan(Nine, Ten), new EventTimeSpan(null, null).Union(new EventTimeSpan(Nine, Ten)));
    }
}
