namespace Orleans.Counters.Ship.Tests;

public sealed class ShipLogTests
{
    private readonly StringWriter _output = new();

    [Fact]
    public void AQuotedLineLosesItsControlCharactersAndIsCut()
    {
        new ShipLog(_output).Unparsable(7, "no identity field", "\u001b[31mred\u0007" + new string('x', 1000));

        var line = _output.ToString().TrimEnd('\n');
        Assert.StartsWith("counters-ship: line 7 unparsable (no identity field): ?[31mred?xxx", line);
        Assert.DoesNotContain('\u001b', line);
        Assert.EndsWith("x…", line);
        Assert.True(line.Length < 400, line);
    }

    [Fact]
    public void OnlyTheFirstBadLinesAreQuotedTheRestAreCounted()
    {
        var log = new ShipLog(_output);

        for (var i = 1; i <= 50; i++)
        {
            log.Unparsable(i, "empty line", string.Empty);
        }

        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ShipLog.MaxQuotedLines + 1, lines.Length);
        Assert.Equal("counters-ship: further unparsable or invalid lines are only counted", lines[^1]);
    }
}
