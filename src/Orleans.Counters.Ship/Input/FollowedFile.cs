using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Counters.Ship.Input;

/// <summary>
/// One open log file being read as it grows. Rotation (the path now names another file) is told by
/// the file's device and inode (<see cref="FileIdentity"/>); truncation of the same file by its
/// length and its first bytes: an append-only file keeps both, a file emptied and written again
/// (copytruncate) loses one. Where the identity cannot be read (not Linux), rotation falls back on
/// the first bytes too, which cannot tell a file from a new one that starts with the same bytes.
/// </summary>
public sealed class FollowedFile : IDisposable
{
    /// <summary>How many leading bytes are compared to tell truncation.</summary>
    public const int PrefixLength = 256;

    private readonly SafeFileHandle _handle;
    private readonly LineSplitter _splitter = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<SplitLine> _lines = [];
    private byte[] _prefix;
    private long _position;
    private (int Length, string Hash) _head = (-1, string.Empty);

    private FollowedFile(SafeFileHandle handle, bool fromStart)
    {
        _handle = handle;
        Identity = FileIdentity.Of(handle);
        Epoch = LineIds.NewEpoch();
        _prefix = ReadPrefix(handle);
        if (!fromStart)
        {
            _position = RandomAccess.GetLength(handle);
            _splitter.Reset(_position);
            Span<byte> last = stackalloc byte[1];
            if (_position > 0 && (RandomAccess.Read(handle, last, _position - 1) == 0 || last[0] != (byte)'\n'))
            {
                // Starting in the middle of a line: its end is not a line.
                _splitter.SkipToNextLine();
            }
        }
    }

    /// <summary>The file's device and inode; null where they cannot be read.</summary>
    public FileIdentity? Identity { get; }

    /// <summary>The id prefix of the lines read from the file's current content; a new one after truncation.</summary>
    public string Epoch { get; private set; }

    /// <summary>The byte offset read up to.</summary>
    public long Position => _position;

    /// <summary>Opens the file at a path, at its start or its end; null when there is none.</summary>
    public static FollowedFile? TryOpen(string path, bool fromStart)
    {
        var handle = TryOpenHandle(path);
        return handle is null ? null : new FollowedFile(handle, fromStart);
    }

    /// <summary>
    /// Finds the file with an identity among those named like <paramref name="path"/> in its folder
    /// (<c>access.log.1</c>, <c>access.log-20240301</c>): where a rotated file went while the tool was
    /// stopped. Only those names are opened, so a pipe elsewhere in the folder cannot block the open.
    /// Null when none has the identity any more.
    /// </summary>
    public static FollowedFile? TryFind(string path, FileIdentity identity)
    {
        IEnumerable<string> names;
        try
        {
            names = [.. Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "?*")];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var name in names)
        {
            SafeFileHandle? handle;
            try
            {
                handle = TryOpenHandle(name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (handle is not null && FileIdentity.Of(handle) == identity)
            {
                return new FollowedFile(handle, fromStart: true);
            }

            handle?.Dispose();
        }

        return null;
    }

    /// <summary>
    /// Goes on from a saved position if it is this file's and the file is not shorter than it: the
    /// lines after it keep the ids they had. False (and nothing changed) otherwise.
    /// </summary>
    public bool TryResume(FilePosition saved)
    {
        if (Identity != saved.Identity || RandomAccess.GetLength(_handle) < saved.Offset || HeadHash(saved.Offset) != saved.Head)
        {
            return false;
        }

        _position = saved.Offset;
        _splitter.Reset(saved.Offset);
        Epoch = saved.Epoch;
        return true;
    }

    /// <summary>
    /// Reads to the current end, handing on each complete line. Each chunk is checked before its
    /// lines are handed on: a file emptied and rewritten past the offset read to (copytruncate) would
    /// otherwise yield the end of its new content twice, once here and once from the start.
    /// </summary>
    public async Task<ReadOutcome> ReadToEndAsync(Func<SourceLine, ValueTask> onLine)
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
                await onLine(ToSource(line));
            }

            _lines.Clear();
        }
    }

    /// <summary>The unfinished last line, if any: the file is being left for another.</summary>
    public SourceLine? TakeLastLine() => _splitter.Flush() is { } line ? ToSource(line) : null;

    /// <summary>Looks at the file and at what the path names now. Call at the end of the file.</summary>
    public FileChange Check(string path)
    {
        // The path is looked at first: if it is this file, what the handle reads afterwards starts
        // with what the path showed, however much was appended in between.
        byte[]? atPath = null;
        long pathLength = 0;
        FileIdentity? pathIdentity = null;
        using (var other = TryOpenHandle(path))
        {
            if (other is not null)
            {
                pathIdentity = FileIdentity.Of(other);
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

        if (Identity is { } own && pathIdentity is { } current)
        {
            // This file is held open, so its inode is not free for a new file: another identity is another file.
            return own == current ? FileChange.None : FileChange.Replaced;
        }

        return pathLength < _position || !StartsWith(_prefix, atPath) ? FileChange.Replaced : FileChange.None;
    }

    /// <summary>Starts over at the beginning of the same file, forgetting a half-read line; its lines get a new epoch.</summary>
    public void Restart()
    {
        _position = 0;
        _splitter.Reset();
        _prefix = ReadPrefix(_handle);
        _head = (-1, string.Empty);
        Epoch = LineIds.NewEpoch();
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private SourceLine ToSource(SplitLine line) =>
        new(line.Text, LineIds.For(Epoch, line.Start), Identity is { } identity ? new FilePosition(identity, Epoch, line.End, HeadHash(line.End)) : null);

    /// <summary>The hash of the file's first bytes, as many as <see cref="FilePosition.Head"/> takes for a position at <paramref name="offset"/>.</summary>
    private string HeadHash(long offset)
    {
        var length = (int)Math.Min(offset, PrefixLength);
        if (_head.Length != length)
        {
            // _prefix holds at least this much: it was read when the file was at least as long as the offset read to.
            var bytes = _prefix.Length >= length ? _prefix : ReadPrefix(_handle);
            _head = (length, Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(0, Math.Min(length, bytes.Length)))[..16]));
        }

        return _head.Hash;
    }

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
