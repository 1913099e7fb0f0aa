using Orleans.Counters.Zones;

namespace Orleans.Counters.Abstractions.Tests;

/// <summary>A message counts in the zone in effect when it was published, in that zone's generation of counters.</summary>
public sealed class ZoneHistoryTests
{
    private static readonly DateTime First = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Second = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly ZoneHistory History = ZoneHistory.Of(null).Then(First, "Asia/Kolkata").Then(Second, null);

    [Fact]
    public void AMessage_CountsInTheZoneOfItsPublishTime_AndPassesOnToTheNext()
    {
        Assert.Null(History.ZoneAt(First.AddTicks(-1)));
        Assert.Equal(0, History.GenerationAt(First.AddTicks(-1)));
        Assert.Equal(new ZoneTarget("Asia/Kolkata", 1), History.NextAfter(First.AddTicks(-1)));

        Assert.Equal("Asia/Kolkata", History.ZoneAt(First));
        Assert.Equal(1, History.GenerationAt(First));
        Assert.Equal(new ZoneTarget(null, 2), History.NextAfter(First));

        Assert.Null(History.ZoneAt(Second));
        Assert.Equal(2, History.GenerationAt(Second));
        Assert.Null(History.NextAfter(Second));
        Assert.Null(History.Current);
    }

    [Fact]
    public void AMessageWithoutAPublishTime_WasWrittenBeforeAnyChange()
    {
        Assert.Equal(0, History.GenerationAt(null));
        Assert.Equal(new ZoneTarget("Asia/Kolkata", 1), History.NextAfter(null));
    }

    [Fact]
    public void AChange_TakesEffectAfterTheLastOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => History.Then(Second, "Europe/Paris"));
    }

    [Fact]
    public void EachGeneration_HasCountersOfItsOwn_UnderANameNoAccountCanHave()
    {
        Assert.Equal("acme", ZoneHistory.CounterAccount("acme", 0));
        Assert.Equal("acme#2", ZoneHistory.CounterAccount("acme", 2));
        Assert.Equal("acme", ZoneHistory.AccountOf("acme#2"));
        Assert.Equal("acme", ZoneHistory.AccountOf("acme"));
        Assert.False(EventValidator.IsValidName("acme#2"));
    }

    [Fact]
    public void Reads_UseTheFormerGenerationWhileRebuilding_AndFindAZoneWhereItIs()
    {
        var rebuilding = new AccountZone(History, "Asia/Kolkata", new ZoneTarget(null, 2), null);
        Assert.Equal(1, rebuilding.ReadGeneration);
        Assert.Equal("acme#1", rebuilding.CounterAccount("acme", "Asia/Kolkata"));

        var done = rebuilding with { RebuildingTo = null, ReadZone = null };
        Assert.Equal(2, done.ReadGeneration);
        Assert.Equal("acme#2", done.CounterAccount("acme", null));
        // A reader that read the zone just before the switch still asks for Kolkata's periods: they are in generation 1.
        Assert.Equal("acme#1", done.CounterAccount("acme", "Asia/Kolkata"));
    }

    [Theory]
    [InlineData(null, "America/New_York", true)]
    [InlineData(null, "Europe/Paris", true)]
    [InlineData(null, "Asia/Kolkata", false)]
    [InlineData("Asia/Kolkata", "Australia/Adelaide", true)]
    [InlineData("Asia/Kathmandu", "Asia/Kolkata", false)]
    [InlineData("America/New_York", "Australia/Lord_Howe", false)]
    public void Hours_AlignWhenBothZonesAreTheSameMinutesPastTheHour(string? from, string? to, bool align) =>
        Assert.Equal(align, ZoneAlignment.HoursAlign(from, to));
}
