namespace Orleans.Counters.Ship.Tests;

public sealed class StreamLineSourceTests
{
    [Fact]
    public async Task EachLineOfARunGetsTheRunsEpochAndItsByteOffsetAsItsId()
    {
        var lines = new List<SourceLine>();
        var source = new StreamLineSource(new MemoryStream("one\ncafé\r\n\nlast"u8.ToArray()), "test");

        await source.ReadAsync(line => { lines.Add(line); return ValueTask.CompletedTask; }, CancellationToken.None, CancellationToken.None);

        var epoch = lines[0].Id.Split('-')[0];
        Assert.Matches("^[0-9a-f]{16}$", epoch);
        Assert.Equal([("one", $"{epoch}-0"), ("café", $"{epoch}-4"), ("", $"{epoch}-11"), ("last", $"{epoch}-12")], lines.Select(l => (l.Text, l.Id)));
        Assert.All(lines, line => Assert.Null(line.Checkpoint));
    }

    [Fact]
    public async Task AnotherRunGetsAnotherEpoch()
    {
        var ids = new List<string>();
        foreach (var run in Enumerable.Range(0, 2))
        {
            var source = new StreamLineSource(new MemoryStream("one\n"u8.ToArray()), "test");
            await source.ReadAsync(line => { ids.Add(line.Id); return ValueTask.CompletedTask; }, CancellationToken.None, CancellationToken.None);
        }

        Assert.NotEqual(ids[0], ids[1]);
    }
}
