namespace Orleans.Counters.Bots;

/// <summary>
/// The <see cref="CrawlerList"/> of a file, read again when the file changes, so the list can be
/// edited on a running host. Nothing here watches the clock: the host calls <see cref="Refresh"/>
/// from its own timer (every 30 s or so) and logs what it throws. Thread-safe.
/// </summary>
public sealed class CrawlerListFile
{
    private readonly Lock _refreshing = new();
    private (DateTime LastWrite, long Length) _stamp;
    private volatile CrawlerList _current;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">A line is not a usable pattern.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public CrawlerListFile(string path)
    {
        Path = path;
        _stamp = Stamp(path);
        _current = CrawlerList.Load(path);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The list of the file as last read successfully.</summary>
    public CrawlerList Current => _current;

    /// <summary>
    /// Reads the file again if its last write time or length changed since the last try. On an error
    /// <see cref="Current"/> stays as it was, and the same file is not tried again until it changes,
    /// so a bad edit is reported once.
    /// </summary>
    /// <returns>True when a new list was taken.</returns>
    /// <exception cref="FormatException">The changed file has a line that is not a usable pattern.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public bool Refresh()
    {
        lock (_refreshing)
        {
            var stamp = Stamp(Path);
            if (stamp == _stamp)
            {
                return false;
            }

            _stamp = stamp;
            _current = CrawlerList.Load(Path);
            return true;
        }
    }

    private static (DateTime, long) Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1);
    }
}
