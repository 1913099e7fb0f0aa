namespace Orleans.Counters.Ship.Tests;

public sealed class LineSplitterTests
{
    [Fact]
    public void LinesSplitAcrossChunksAreJoined()
    {
        var splitter = new LineSplitter();
        var lines = new List<SplitLine>();

        foreach (var chunk in new[] { "fir", "st\nsec", "ond\r", "\nthi", "rd" })
        {
            splitter.Append(Encoding.UTF8.GetBytes(chunk), lines);
        }

        Assert.Equal(["first", "second"], lines.Select(l => l.Text));
        Assert.True(splitter.HasPartialLine);
        Assert.Equal("third", splitter.Flush()?.Text);
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void AMultiByteCharacterSplitBetweenChunksIsDecodedWhole()
    {
        var bytes = Encoding.UTF8.GetBytes("café\n");
        var splitter = new LineSplitter();
        var lines = new List<SplitLine>();

        splitter.Append(bytes.AsSpan(0, 4), lines);
        splitter.Append(bytes.AsSpan(4), lines);

        Assert.Equal(["café"], lines.Select(l => l.Text));
    }

    [Fact]
    public void SkippingToTheNextLineDropsTheRestOfTheCurrentOne()
    {
        var splitter = new LineSplitter();
        var lines = new List<SplitLine>();
        splitter.SkipToNextLine();

        splitter.Append("tail of a line\nwhole\n"u8, lines);

        Assert.Equal(["whole"], lines.Select(l => l.Text));
    }

    [Fact]
    public void AnEndlessLineIsHandedOnInPieces()
    {
        var splitter = new LineSplitter();
        var lines = new List<SplitLine>();

        splitter.Append(Encoding.ASCII.GetBytes(new string('x', (LineSplitter.MaxLineBytes * 2) + 10)), lines);

        Assert.Equal([LineSplitter.MaxLineBytes, LineSplitter.MaxLineBytes], lines.Select(l => l.Text.Length));
        Assert.Equal(10, splitter.Flush()!.Value.Text.Length);
    }

    [Fact]
    public void EachLineTellsWhereItStartsAndEndsCountingFromTheResetOffset()
    {
        var splitter = new LineSplitter();
        var lines = new List<SplitLine>();
        splitter.Reset(100);

        foreach (var chunk in new[] { "ab\r\ncd", "e\n", "\nf" })
        {
            splitter.Append(Encoding.UTF8.GetBytes(chunk), lines);
        }

        Assert.Equal([new SplitLine("ab", 100, 104), new SplitLine("cde", 104, 108), new SplitLine(string.Empty, 108, 109)], lines);
        Assert.Equal(new SplitLine("f", 109, 110), splitter.Flush());
    }

    [Fact]
    public void PiecesOfAnEndlessLineAndLinesAfterASkipKeepTheirOffsets()
    {
        var splitter = new LineSplitter();
        var lines = new List<SplitLine>();
        splitter.SkipToNextLine();

        splitter.Append(Encoding.ASCII.GetBytes("skip\n" + new string('x', LineSplitter.MaxLineBytes + 3)), lines);
        splitter.Append("\n"u8, lines);

        Assert.Equal([(5L, 5L + LineSplitter.MaxLineBytes), (5L + LineSplitter.MaxLineBytes, 9L + LineSplitter.MaxLineBytes)], lines.Select(l => (l.Start, l.End)));
    }
}
