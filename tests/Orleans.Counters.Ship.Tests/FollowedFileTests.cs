namespace Orleans.Counters.Ship.Tests;

public sealed class FollowedFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("counters-ship-file-").FullName;
    private readonly List<string> _lines = [];
    private readonly List<SourceLine> _read = [];

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
    public async Task AFileDeletedAndCreatedAgainWithTheSameFirstBytesIsReplaced()
    {
        // Identical first bytes (more than PrefixLength) and a longer file: only the inode tells it is another file.
        var same = Lines("same", 10);
        Assert.True(Encoding.UTF8.GetByteCount(same) > FollowedFile.PrefixLength);
        Write(LogFile, same);
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        await file.ReadToEndAsync(Take);

        File.Delete(LogFile);
        Write(LogFile + ".new", same + Lines("more", 5));
        File.Move(LogFile + ".new", LogFile);

        Assert.Equal(FileChange.Replaced, file.Check(LogFile));
    }

    [Fact]
    public async Task AFileMovedOverTheFollowedOneWithTheSameFirstBytesIsReplaced()
    {
        var same = Lines("same", 10);
        Write(LogFile, same);
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        await file.ReadToEndAsync(Take);

        Write(LogFile + ".new", same + Lines("more", 5));
        File.Move(LogFile + ".new", LogFile, overwrite: true);

        Assert.Equal(FileChange.Replaced, file.Check(LogFile));
    }

    [Fact]
    public void TheIdentityIsTheSameThroughAnyPathOrHandleAndDiffersForANewFile()
    {
        Write(LogFile, "one\n");
        using var first = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        File.Move(LogFile, LogFile + ".1");
        using var renamed = FollowedFile.TryOpen(LogFile + ".1", fromStart: true)!;
        Write(LogFile, "one\n");
        using var created = FollowedFile.TryOpen(LogFile, fromStart: true)!;

        Assert.NotNull(first.Identity);
        Assert.Equal(first.Identity, renamed.Identity);
        Assert.NotEqual(first.Identity, created.Identity);
    }

    [Fact]
    public async Task EachLinesIdIsTheEpochAndItsOffsetAndItsCheckpointIsWhereTheNextLineStarts()
    {
        Write(LogFile, "one\ntwo\n");
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;

        await file.ReadToEndAsync(Take);

        Assert.Equal([$"{file.Epoch}-0", $"{file.Epoch}-4"], _read.Select(l => l.Id));
        Assert.Equal([(file.Identity, file.Epoch, 4L), (file.Identity, file.Epoch, 8L)], _read.Select(l => ((FileIdentity?)l.Checkpoint!.Identity, l.Checkpoint.Epoch, l.Checkpoint.Offset)));
        Assert.All(_read, line => Assert.InRange(line.Id.Length, 1, EventLimits.MaxIdLength));
    }

    [Fact]
    public async Task ResumedFromASavedPositionTheLinesAfterItKeepTheirIds()
    {
        Write(LogFile, Lines("log", 6));
        List<SourceLine> firstRun;
        using (var file = FollowedFile.TryOpen(LogFile, fromStart: true)!)
        {
            await file.ReadToEndAsync(Take);
            firstRun = [.. _read];
            _read.Clear();
        }

        // A restart: another open of the same file, from the position after the third line.
        using var again = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        Assert.True(again.TryResume(firstRun[2].Checkpoint!));
        await again.ReadToEndAsync(Take);

        Assert.Equal(firstRun[3..], _read);
    }

    [Fact]
    public async Task APositionIsNotResumedInAnotherFileOrInAShorterOne()
    {
        Write(LogFile, Lines("log", 6));
        FilePosition saved;
        using (var file = FollowedFile.TryOpen(LogFile, fromStart: true)!)
        {
            await file.ReadToEndAsync(Take);
            saved = _read[^1].Checkpoint!;
        }

        // Deleted and created anew while no handle holds it: the new file may well get the freed inode.
        File.Delete(LogFile);
        Write(LogFile, Lines("new", 8));
        using (var created = FollowedFile.TryOpen(LogFile, fromStart: true)!)
        {
            Assert.False(created.TryResume(saved));
            Assert.False(created.TryResume(saved with { Identity = created.Identity!.Value }));
            Assert.Equal(0, created.Position);
        }

        File.WriteAllText(LogFile, Lines("log", 6));
        using var same = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        Assert.True(same.TryResume(saved with { Identity = same.Identity!.Value }));
        Assert.False(same.TryResume(saved with { Identity = same.Identity!.Value, Offset = new FileInfo(LogFile).Length + 1 }));
    }

    [Fact]
    public async Task AfterTruncationTheSameOffsetsGetNewIds()
    {
        Write(LogFile, Lines("old", 3));
        using var file = FollowedFile.TryOpen(LogFile, fromStart: true)!;
        await file.ReadToEndAsync(Take);
        File.WriteAllText(LogFile, string.Empty);
        Assert.Equal(FileChange.Truncated, file.Check(LogFile));
        file.Restart();
        Write(LogFile, Lines("new", 3));

        await file.ReadToEndAsync(Take);

        Assert.Equal(6, _read.Select(l => l.Id).Distinct().Count());
        Assert.Equal(_read[..3].Select(l => l.Checkpoint!.Offset), _read[3..].Select(l => l.Checkpoint!.Offset));
    }

    [Fact]
    public async Task ARotatedFileIsFoundByItsIdentityNextToThePath()
    {
        Write(LogFile, Lines("old", 3));
        FilePosition saved;
        using (var file = FollowedFile.TryOpen(LogFile, fromStart: true)!)
        {
            await file.ReadToEndAsync(Take);
            saved = _read[1].Checkpoint!;
        }

        File.Move(LogFile, LogFile + ".1");
        Write(LogFile, Lines("new", 3));

        using var rotated = FollowedFile.TryFind(LogFile, saved.Identity)!;
        Assert.True(rotated.TryResume(saved));
        Assert.Null(FollowedFile.TryFind(LogFile + ".2", saved.Identity));
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
        _read.Add(line);
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
