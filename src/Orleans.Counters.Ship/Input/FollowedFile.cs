using Microsoft.Win32.SafeHandles;

namespace Orleans.Counters.Ship.Input;

/// <summary>
/// One open log file being read as it grows. It tells rotation apart from growth by the file's
/// first bytes rather than its inode, which .NET does not expose: an append-only file keeps its
/// first bytes, a new or rewritten one (whose first line carries a different time) does not.
/// </summary>
public sealed class FollowedFile : IDisposable
{
    /// <summary>How many leading bytes identify a file.</summary>
    public const int PrefixLength = 256;

    private readonly SafeFileHandle _handle;
    private readonly LineSplitter _splitter = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<string> _lines = [];
    private byte[] _prefix;
    private long _position;

    private FollowedFile(SafeFileHandle handle, bool fromStart)
    {
        _handle = handle;
        _prefix = ReadPrefix(handle);
        if (!fromStart)
        {
            _position = RandomAccess.GetLength(handle);
            Span<byte> last = stackalloc byte[1];
            if (_position > 0 && (RandomAccess.Read(handle, last, _position - 1) == 0 || last[0] != (byte)'\n'))
            {
                // Starting in the middle of a line: its end is not a line.
                _splitter.SkipToNextLine();
            }
        }
    }

    /// <summary>The byte offset read up to.</summary>
    public long Position => _position;

    /// <summary>Opens the file at a path, at its start or its end; null when there is none.</summary>
    public static FollowedFile? TryOpen(string path, bool fromStart)
    {
        var handle = TryOpenHandle(path);
        return handle is null ? null : new FollowedFile(handle, fromStart);
    }

    /// <summary>
    /// Reads to the current end, handing on each complete line. Each chunk is checked before its
    /// lines are handed on: a file emptied and rewritten past the offset read to (copytruncate) would
    /// otherwise yield the end of its new content twice, once here and once from the start.
    /// </summary>
    public async Task<ReadOutcome> ReadToEndAsync(Func<string, ValueTask> onLine)
    {
        var outcome = ReadOutcome.Nothing;
        while (true)
        {
            var count = RandomAccess.Read(_handle, _buffer, _position);
            if (count == 0)
            {
                return outcome;
            }

            if (!IsSameContent(_position + count))
            {
                Restart();
                return ReadOutcome.Truncated;
            }

            outcome = ReadOutcome.Lines;
            _position += count;
            _splitter.Append(_buffer.AsSpan(0, count), _lines);
            foreach (var line in _lines)
            {
                await onLine(line);
            }

            _lines.Clear();
        }
    }

    /// <summary>The unfinished last line, if any: the file is being left for another.</summary>
    public string? TakeLastLine() => _splitter.Flush();

    /// <summary>Looks at the file and at what the path names now. Call at the end of the file.</summary>
    public FileChange Check(string path)
    {
        // The path is looked at first: if it is this file, what the handle reads afterwards starts
        // with what the path showed, however much was appended in between.
        byte[]? atPath = null;
        long pathLength = 0;
        using (var other = TryOpenHandle(path))
        {
            if (other is not null)
            {
                pathLength = RandomAccess.GetLength(other);
                atPath = ReadPrefix(other);
            }
        }

        if (!IsSameContent(_position))
        {
            return FileChange.Truncated;
        }

        if (atPath is null)
        {
            return FileChange.Missing;
        }

        return pathLength < _position || !StartsWith(_prefix, atPath) ? FileChange.Replaced : FileChange.None;
    }

    /// <summary>Starts over at the beginning of the same file, forgetting a half-read line.</summary>
    public void Restart()
    {
        _position = 0;
        _splitter.Reset();
        _prefix = ReadPrefix(_handle);
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// True while the file still starts as it did and holds at least <paramref name="length"/> bytes:
    /// appending keeps both, truncating breaks one. Learns more of the start as the file grows.
    /// </summary>
    private bool IsSameContent(long length)
    {
        var own = ReadPrefix(_handle);
        if (!StartsWith(own, _prefix) || RandomAccess.GetLength(_handle) < length)
        {
            return false;
        }

        _prefix = own;
        return true;
    }

    private static SafeFileHandle? TryOpenHandle(string path)
    {
        try
        {
            // Delete sharing lets the writer rename or delete the file while it is open here (on Windows too).
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static byte[] ReadPrefix(SafeFileHandle handle)
    {
        var prefix = new byte[PrefixLength];
        var length = 0;
        while (length < PrefixLength)
        {
            var count = RandomAccess.Read(handle, prefix.AsSpan(length), length);
            if (count == 0)
            {
                break;
            }

            length += count;
        }

        return prefix[..length];
    }

    /// <summary>True when <paramref name="text"/> starts with <paramref name="prefix"/>.</summary>
    private static bool StartsWith(byte[] text, byte[] prefix) => text.AsSpan().StartsWith(prefix);
}
