namespace Orleans.Counters.Ship.Tests;

public sealed class FollowedFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("counters-ship-file-").FullName;
    private readonly List<string> _lines = [];

    private string LogFile => Path.Combine(_directory, "access.log");

    [Fact]
    public async Task AppendedLinesAreReadAndAHalfWrittenLineWaitsForItsEnd()
    {
        Write(LogFile, "one\ntwo\nthr");
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;

        Assert.Equal(ReadOutcome.Lines, await file.ReadToEndAsync(Take));
        Write(LogFile, "ee\n");
        Assert.Equal(ReadOutcome.Lines, await file.ReadToEndAsync(Take));
        Assert.Equal(ReadOutcome.Nothing, await file.ReadToEndAsync(Take));

        Assert.Equal(["one", "two", "three"], _lines);
        Assert.Equal(FileChange.None, file.Check(LogFile));
    }

    [Fact]
    public async Task OpenedAtTheEndOnlyLinesAppendedLaterAreRead()
    {
        Write(LogFile, "old\nhalf a li");
        using var file = FollowedFile.TryOpen(LogFile, fromStart: false)!;

        Write(LogFile, "ne\nnew\n");
        await file.ReadToEndAsync(Take);

        Assert.Equal(["new"], _lines);
    }

    [Fact]
    public async Task ARewriteLongerThanWhatWasReadIsReadFromItsStartOnly()
    {
        Write(LogFile, Lines("old", 15));
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        await file.ReadToEndAsync(Take);

        // copytruncate, then more lines than before before the next look: the bytes past the old
        // offset belong to the new content and must not be handed on from there.
        using (var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.SetLength(0);
        }

        Write(LogFile, Lines("new", 30));
        Assert.Equal(ReadOutcome.Truncated, await file.ReadToEndAsync(Take));
        Assert.Equal(ReadOutcome.Lines, await file.ReadToEndAsync(Take));

        Assert.Equal(Lines("old", 15).Split('\n', StringSplitOptions.RemoveEmptyEntries).Concat(Lines("new", 30).Split('\n', StringSplitOptions.RemoveEmptyEntries)), _lines);
    }

    [Fact]
    public async Task AShorterFileIsTruncated()
    {
        Write(LogFile, Lines("old", 5));
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        await file.ReadToEndAsync(Take);

        File.WriteAllText(LogFile, string.Empty);

        Assert.Equal(FileChange.Truncated, file.Check(LogFile));
    }

    [Fact]
    public async Task ARenamedFileIsMissingUntilANewOneReplacesIt()
    {
        Write(LogFile, Lines("old", 5));
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        await file.ReadToEndAsync(Take);

        File.Move(LogFile, LogFile + ".1");
        Assert.Equal(FileChange.Missing, file.Check(LogFile));
        Write(LogFile + ".1", "late\n");
        Assert.Equal(ReadOutcome.Lines, await file.ReadToEndAsync(Take));

        Write(LogFile, string.Empty);
        Assert.Equal(FileChange.Replaced, file.Check(LogFile));
        Write(LogFile, Lines("new", 50));
        Assert.Equal(FileChange.Replaced, file.Check(LogFile));
        Assert.Equal("late", _lines[^1]);
    }

    [Fact]
    public async Task AnEmptyFileReplacedByAnotherIsReplaced()
    {
        Write(LogFile, string.Empty);
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        await file.ReadToEndAsync(Take);

        File.Delete(LogFile);
        Write(LogFile, "new\n");

        Assert.Equal(FileChange.Replaced, file.Check(LogFile));
    }

    [Fact]
    public void NoFileOpensNothing()
    {
        Assert.Null(FollowedFile.TryOpen(LogFile, fromStart: true));
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ValueTask Take(SourceLine line)
    {
        _lines.Add(line.Text);
        return ValueTask.CompletedTask;
    }

    private static string Lines(string name, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"{name} line {i}: 203.0.113.7 - - [01/Mar/2024:12:00:05 +0000] \"GET /{name}/{i} HTTP/1.1\" 200 1\n"));

    private static void Write(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
