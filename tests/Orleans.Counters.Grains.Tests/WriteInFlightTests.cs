namespace Orleans.Counters.Grains.Tests;

/// <summary>While a counter's snapshot is being written, queries still answer and nothing counts as persisted yet.</summary>
public sealed class WriteInFlightTests(HeldWritesClusterFixture fixture) : IClassFixture<HeldWritesClusterFixture>
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task WhileASnapshotIsWrittenItsPositionIsNotPersistedYetAndQueriesAnswer()
    {
        const string account = "held";
        var series = new SeriesId("pageview", "/");
        var group = new CounterGroup(account, Period.Hour(2025, 7, 1, 7), 0);
        var hour = fixture.Client.GetHourCounters(group);
        var position = new StreamPosition(9, 0);
        fixture.Gate.Hold(group.ToString());

        await hour.ApplyAsync(new GroupIncrement(account, position, [new SeriesMinutes(series, [new MinuteCount(3, 2)])]));
        await fixture.Gate.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Null((await hour.GetPersistedPositionAsync(account).WaitAsync(Prompt)).Position);
        Assert.Equal(2, (await hour.GetCountsAsync(series).WaitAsync(Prompt)).Total);

        fixture.Gate.Release();
        var persisted = await Eventually.ReadAsync(async () => (await hour.GetPersistedPositionAsync(account)).Position, p => p == position);
        Assert.Equal(position, persisted);
    }
}
