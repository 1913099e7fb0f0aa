namespace Orleans.Counters.Ship.Tests;

public sealed class PositionFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("counters-ship-position-").FullName;

    private string Saved => Path.Combine(_directory, "access.pos");

    [Fact]
    public void ASavedPositionLoadsBackAndNoTemporaryFileIsLeft()
    {
        var positions = new PositionFile(Saved, "/var/log/access.log");
        var position = new FilePosition(new FileIdentity(0x0000_0008_0000_0001, ulong.MaxValue), "9f86d081884c7d65", 123_456_789_012, "0123456789abcdef0123456789abcdef");

        Assert.Null(positions.Load());
        positions.Save(position with { Offset = 1 });
        positions.Save(position);

        Assert.Equal(position, positions.Load());
        Assert.Equal([Saved], Directory.GetFiles(_directory));
    }

    [Fact]
    public void APositionOfAnotherFollowedFileIsRefused()
    {
        new PositionFile(Saved, "/var/log/a.log").Save(new FilePosition(new FileIdentity(1, 2), "e", 3, "h"));

        var error = Assert.Throws<InvalidDataException>(() => new PositionFile(Saved, "/var/log/b.log").Load());
        Assert.Contains("/var/log/a.log, not of /var/log/b.log", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"path":"/var/log/a.log"}""")]
    [InlineData("""{"path":"/var/log/a.log","device":-1,"inode":2,"epoch":"e","offset":3,"head":"h"}""")]
    [InlineData("""{"path":"/var/log/a.log","device":1,"inode":2,"epoch":"","offset":3,"head":"h"}""")]
    [InlineData("""{"path":"/var/log/a.log","device":1,"inode":2,"epoch":"e","offset":3}""")]
    public void AFileThatHoldsNoPositionIsRefused(string content)
    {
        File.WriteAllText(Saved, content);

        var error = Assert.Throws<InvalidDataException>(() => new PositionFile(Saved, "/var/log/a.log").Load());
        Assert.Contains(Saved, error.Message);
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
