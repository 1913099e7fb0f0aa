namespace Orleans.Counters.Ship.Tests;

public sealed class LineSplitterTests
{
    [Fact]
    public void LinesSplitAcrossChunksAreJoined()
    {
        var splitter = new LineSplitter();
        var lines = new List<string>();

        foreach (var chunk in new[] { "fir", "st\nsec", "ond\r", "\nthi", "rd" })
        {
            splitter.Append(Encoding.UTF8.GetBytes(chunk), lines);
        }

        Assert.Equal(["first", "second"], lines);
        Assert.True(splitter.HasPartialLine);
        Assert.Equal("third", splitter.Flush());
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void AMultiByteCharacterSplitBetweenChunksIsDecodedWhole()
    {
        var bytes = Encoding.UTF8.GetBytes("café\n");
        var splitter = new LineSplitter();
        var lines = new List<string>();

        splitter.Append(bytes.AsSpan(0, 4), lines);
        splitter.Append(bytes.AsSpan(4), lines);

        Assert.Equal(["café"], lines);
    }

    [Fact]
    public void SkippingToTheNextLineDropsTheRestOfTheCurrentOne()
    {
        var splitter = new LineSplitter();
        var lines = new List<string>();
        splitter.SkipToNextLine();

        splitter.Append("tail of a line\nwhole\n"u8, lines);

        Assert.Equal(["whole"], lines);
    }

    [Fact]
    public void AnEndlessLineIsHandedOnInPieces()
    {
        var splitter = new LineSplitter();
        var lines = new List<string>();

        splitter.Append(Encoding.ASCII.GetBytes(new string('x', (LineSplitter.MaxLineBytes * 2) + 10)), lines);

        Assert.Equal([LineSplitter.MaxLineBytes, LineSplitter.MaxLineBytes], lines.Select(l => l.Length));
        Assert.Equal(10, splitter.Flush()!.Length);
    }
}
