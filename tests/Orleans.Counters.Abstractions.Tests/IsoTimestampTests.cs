namespace Orleans.Counters.Abstractions.Tests;

public sealed class IsoTimestampTests
{
    [Fact]
    public void ZuluTime_IsUtc()
    {
        var timestamp = Parse("2024-02-29T16:45:30Z");

        Assert.Equal(TimeSpan.Zero, timestamp.Offset);
        Assert.Equal(new DateTime(2024, 2, 29, 16, 45, 30, DateTimeKind.Utc), timestamp.UtcDateTime);
    }

    [Fact]
    public void PositiveOffset_IsKeptAndConvertsToUtc()
    {
        var timestamp = Parse("2024-03-01T02:15:00+05:30");

        Assert.Equal(TimeSpan.FromHours(5.5), timestamp.Offset);
        Assert.Equal(new DateTime(2024, 2, 29, 20, 45, 0, DateTimeKind.Utc), timestamp.UtcDateTime);
    }

    [Fact]
    public void NegativeOffset_IsKeptAndConvertsToUtc()
    {
        var timestamp = Parse("2024-12-31T20:00:00-05:00");

        Assert.Equal(TimeSpan.FromHours(-5), timestamp.Offset);
        Assert.Equal(new DateTime(2025, 1, 1, 1, 0, 0, DateTimeKind.Utc), timestamp.UtcDateTime);
    }

    [Fact]
    public void NoOffset_IsTakenAsUtc()
    {
        var timestamp = Parse("2024-02-29T16:45:30");

        Assert.Equal(TimeSpan.Zero, timestamp.Offset);
        Assert.Equal(new DateTime(2024, 2, 29, 16, 45, 30, DateTimeKind.Utc), timestamp.UtcDateTime);
    }

    [Theory]
    [InlineData("2024-02-29T16:45:30.5Z", 5_000_000)]
    [InlineData("2024-02-29T16:45:30.123Z", 1_230_000)]
    [InlineData("2024-02-29T16:45:30.1234567Z", 1_234_567)]
    [InlineData("2024-02-29T16:45:30.123", 1_230_000)]
    [InlineData("2024-02-29T16:45:30.250+01:00", 2_500_000)]
    public void FractionalSeconds_AreKeptToTheTick(string text, long ticksIntoTheSecond)
    {
        var timestamp = Parse(text);

        Assert.Equal(ticksIntoTheSecond, timestamp.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(30, timestamp.Second);
    }

    [Fact]
    public void NanosecondFraction_IsAccepted() =>
        Assert.Equal(1_234_567, Parse("2024-02-29T16:45:30.123456789Z").Ticks % TimeSpan.TicksPerSecond);

    [Fact]
    public void MinutesWithoutSeconds_AreAccepted() =>
        Assert.Equal(new DateTime(2024, 2, 29, 16, 45, 0, DateTimeKind.Utc), Parse("2024-02-29T16:45Z").UtcDateTime);

    [Fact]
    public void DateOnly_IsMidnightUtc()
    {
        var timestamp = Parse("2024-02-29");

        Assert.Equal(TimeSpan.Zero, timestamp.Offset);
        Assert.Equal(new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), timestamp.UtcDateTime);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("yesterday")]
    [InlineData("1/2/2024")]
    [InlineData("02/01/2024")]
    [InlineData("2024")]
    [InlineData("2024-02")]
    [InlineData("2024-2-29")]
    [InlineData("20240229")]
    [InlineData("2024-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("2024-02-30")]
    [InlineData("2024-02-29T")]
    [InlineData("2024-02-29T16")]
    [InlineData("2024-02-29T25:00:00Z")]
    [InlineData("2024-02-29T16:45:30+25:00")]
    [InlineData("2024-02-29T16:45:30Zjunk")]
    [InlineData("Thu, 29 Feb 2024 16:45:30 GMT")]
    [InlineData("1709225130")]
    public void OtherShapes_AreRefused(string? text) => Assert.False(IsoTimestamp.TryParse(text, out _), $"'{text}' was accepted");

    private static DateTimeOffset Parse(string text)
    {
        Assert.True(IsoTimestamp.TryParse(text, out var timestamp), $"'{text}' was refused");
        return timestamp;
    }
}
