using Orleans.Counters.Bots;

namespace Orleans.Counters.Abstractions.Tests;

public sealed class CrawlerListFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "crawlers-" + Guid.NewGuid().ToString("N") + ".txt");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void AnUnchangedFile_IsNotReadAgain()
    {
        Write("examplebot", 0);
        var file = new CrawlerListFile(_path);
        var first = file.Current;

        Assert.False(file.Refresh());
        Assert.Same(first, file.Current);
        Assert.True(first.IsBot("examplebot/1"));
    }

    [Fact]
    public void AChangedFile_IsTaken()
    {
        Write("examplebot", 0);
        var file = new CrawlerListFile(_path);

        Write("examplebot\notherbot", 1);

        Assert.True(file.Refresh());
        Assert.Equal(2, file.Current.PatternCount);
        Assert.True(file.Current.IsBot("otherbot/2"));
    }

    [Fact]
    public void ABadEdit_IsReportedOnceAndTheLastGoodListStays()
    {
        Write("examplebot", 0);
        var file = new CrawlerListFile(_path);
        var good = file.Current;

        Write("examplebot\n(broken", 1);

        var error = Assert.Throws<FormatException>(() => file.Refresh());
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Same(good, file.Current);
        Assert.False(file.Refresh());

        Write("fixedbot", 2);
        Assert.True(file.Refresh());
        Assert.True(file.Current.IsBot("fixedbot"));
    }

    [Fact]
    public void ADeletedFile_IsReportedAndTheLastGoodListStays()
    {
        Write("examplebot", 0);
        var file = new CrawlerListFile(_path);
        var good = file.Current;

        File.Delete(_path);

        Assert.Throws<FileNotFoundException>(() => file.Refresh());
        Assert.Same(good, file.Current);
    }

    // The write time is set, not left to the clock, whose resolution may see two writes as one.
    private void Write(string text, int version)
    {
        File.WriteAllText(_path, text);
        File.SetLastWriteTimeUtc(_path, new DateTime(2025, 1, 1, 0, 0, version, DateTimeKind.Utc));
    }
}
