namespace Orleans.Counters.Ship.Tests;

/// <summary>The tool following a log file (<c>--file</c>) through rotation and truncation, as a child process sending to the real gateway.</summary>
[Collection(ShipGatewayCollection.Name)]
public sealed class FileTailingTests(ShipGatewayFixture gateway) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("counters-ship-tail-").FullName;
    private readonly string _account = ShipGatewayFixture.NewAccount("tail");
    private int _written;

    private string LogFile => Path.Combine(_directory, "access.log");

    [Fact]
    public async Task EveryLineIsShippedExactlyOnceThroughRotationAndTruncation()
    {
        await using var ship = ShipProcess.Start("--gateway", gateway.Url, "--account", _account, "--file", LogFile, "--poll-interval", "50ms", "--flush-interval", "100ms");
        await ship.WaitForLogAsync("waiting for", Timeout);

        // Created after the tool started: read from its start.
        Append(LogFile, 20);
        await WaitForCountAsync(ship, 20);

        // logrotate's default: the file is renamed, the server writes a few more lines to it, then a new file is created.
        File.Move(LogFile, LogFile + ".1");
        Append(LogFile + ".1", 5);
        Append(LogFile, 15);
        await WaitForCountAsync(ship, 40);
        await ship.WaitForLogAsync("was rotated", Timeout);

        // copytruncate: the file is emptied in place and written again, here past where the tool had read to.
        using (var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            stream.SetLength(0);
        }

        Append(LogFile, 30);
        await WaitForCountAsync(ship, 70);
        await ship.WaitForLogAsync("was truncated", Timeout);

        // Deleted and created anew.
        File.Delete(LogFile);
        Append(LogFile, 5);
        await WaitForCountAsync(ship, 75);

        await ship.TerminateAsync();
        Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        Assert.Contains("finished: shipped 75 events, skipped 0 unparsable lines", ship.Log);
        var counts = await UrlCountsOnceCountedAsync(75);
        Assert.Equal(Enumerable.Range(0, 75).Select(Url).Order(), counts.Keys.Order());
        Assert.All(counts, url => Assert.Equal(1, url.Value));
        Assert.Equal(75, await gateway.DayTotalAsync(_account, [AccessLines.YesterdayNoon]));
    }

    [Fact]
    public async Task AnExistingFileIsFollowedFromItsEndUnlessFromStartIsGiven()
    {
        Append(LogFile, 3);
        await using (var ship = ShipProcess.Start("--gateway", gateway.Url, "--account", _account, "--file", LogFile, "--poll-interval", "50ms", "--flush-interval", "100ms"))
        {
            await ship.WaitForLogAsync("following", Timeout);
            Append(LogFile, 2);
            await WaitForCountAsync(ship, 2);
            await ship.TerminateAsync();
            Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        }

        await using (var ship = ShipProcess.Start("--gateway", gateway.Url, "--account", _account, "--file", LogFile, "--from-start", "--flush-interval", "100ms"))
        {
            await WaitForCountAsync(ship, 7);
            await ship.TerminateAsync();
            Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        }
    }

    [Fact]
    public async Task AFileCreatedAgainWithTheSameFirstLinesIsReadFromItsStart()
    {
        await using var ship = ShipProcess.Start("--gateway", gateway.Url, "--account", _account, "--file", LogFile, "--poll-interval", "50ms", "--flush-interval", "100ms");
        await ship.WaitForLogAsync("waiting for", Timeout);
        Append(LogFile, 10);
        await WaitForCountAsync(ship, 10);
        var first = File.ReadAllBytes(LogFile);

        // Deleted, and a new file with the same first lines (and more) put in its place at once: the
        // old check saw the same first bytes and a file no shorter than what it had read, so it kept
        // reading the deleted file and lost the new one.
        File.Delete(LogFile);
        Append(LogFile + ".new", 5);
        File.WriteAllBytes(LogFile + ".tmp", [.. first, .. File.ReadAllBytes(LogFile + ".new")]);
        File.Move(LogFile + ".tmp", LogFile);
        await WaitForCountAsync(ship, 25);
        await ship.WaitForLogAsync("was rotated", Timeout);

        await ship.TerminateAsync();
        Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        var counts = await UrlCountsOnceCountedAsync(25);
        Assert.All(Enumerable.Range(0, 10), n => Assert.Equal(2, counts[Url(n)]));
        Assert.All(Enumerable.Range(10, 5), n => Assert.Equal(1, counts[Url(n)]));
    }

    [Fact]
    public async Task RestartedWithAPositionFileEveryLineIsCountedOnceThroughARotationWhileStopped()
    {
        var positionFile = Path.Combine(_directory, "access.pos");
        string[] arguments = ["--gateway", gateway.Url, "--account", _account, "--file", LogFile, "--position-file", positionFile, "--poll-interval", "50ms", "--flush-interval", "100ms"];
        Append(LogFile, 20);

        // No position yet: the existing lines are left, as without --position-file; then the position is saved.
        await using (var ship = ShipProcess.Start(arguments))
        {
            await ship.WaitForLogAsync("following", Timeout);
            Append(LogFile, 10);
            await WaitForCountAsync(ship, 10);
            await ship.TerminateAsync();
            Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        }

        Assert.Contains($"\"offset\":{new FileInfo(LogFile).Length}", File.ReadAllText(positionFile));

        // Written while stopped: read from the saved position on.
        Append(LogFile, 7);
        await using (var ship = ShipProcess.Start(arguments))
        {
            await WaitForCountAsync(ship, 17);
            Assert.Contains("resuming", ship.Log);
            await ship.TerminateAsync();
            Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        }

        // Rotated while stopped, with lines written to the old file first: it is found and finished, then the new one read.
        Append(LogFile, 4);
        File.Move(LogFile, LogFile + ".1");
        Append(LogFile, 6);
        await using (var ship = ShipProcess.Start(arguments))
        {
            await WaitForCountAsync(ship, 27);
            Assert.Contains("was rotated while stopped: finishing the rotated file", ship.Log);
            await ship.TerminateAsync();
            Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        }

        var counts = await UrlCountsOnceCountedAsync(27);
        Assert.Equal(Enumerable.Range(20, 27).Select(Url).Order(), counts.Keys.Order());
        Assert.All(counts, url => Assert.Equal(1, url.Value));
    }

    [Fact]
    public async Task AnUnusablePositionFileStopsTheToolBeforeItReadsAnything()
    {
        var positionFile = Path.Combine(_directory, "access.pos");
        File.WriteAllText(positionFile, "not a position");
        Append(LogFile, 3);

        await using var ship = ShipProcess.Start("--gateway", gateway.Url, "--account", _account, "--file", LogFile, "--position-file", positionFile, "--from-start");

        Assert.Equal(2, await ship.WaitForExitAsync(Timeout));
        Assert.Contains($"--position-file: {positionFile} is not a position file of counters-ship", ship.Log);
        Assert.Equal(0, await gateway.DayTotalAsync(_account, [AccessLines.YesterdayNoon]));
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Url(int n) => $"/tail/{n}";

    /// <summary>Appends lines with URLs not used before, so each line is told apart from every other.</summary>
    private void Append(string path, int count)
    {
        var lines = Enumerable.Range(_written, count).Select(n => AccessLines.Line(Url(n), AccessLines.YesterdayNoon.AddSeconds(n)) + "\n");
        _written += count;
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(Encoding.UTF8.GetBytes(string.Concat(lines)));
    }

    /// <summary>
    /// Every URL's count once they add up to <paramref name="expected"/>. The URLs' series live in other
    /// counter shards than the day's total, and each shard's hour reports to its day on its own flush: the
    /// total can be complete a moment before every URL's count is.
    /// </summary>
    private Task<IReadOnlyDictionary<string, long>> UrlCountsOnceCountedAsync(long expected) =>
        Eventually.ReadLastAsync(() => gateway.UrlCountsAsync(_account, AccessLines.YesterdayNoon), counts => counts.Values.Sum() >= expected, Timeout);

    private async Task WaitForCountAsync(ProcessHost ship, long expected)
    {
        var total = await Eventually.ReadAsync(() => gateway.DayTotalAsync(_account, [AccessLines.YesterdayNoon]), t => t >= expected, Timeout);
        Assert.True(total == expected, $"expected {expected} counted, found {total}; the tool said:\n{ship.Log}");
    }
}
