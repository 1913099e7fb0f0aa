namespace Orleans.Counters.Ship.Input;

/// <summary>
/// Cuts a byte stream into UTF-8 lines at <c>\n</c> (dropping a <c>\r</c> before it), holding an
/// unfinished last line until the rest of it arrives, and tells where in the stream each line lies.
/// A line longer than <see cref="MaxLineBytes"/> is handed on in pieces, so that input without line
/// breaks cannot fill the memory.
/// </summary>
public sealed class LineSplitter
{
    /// <summary>The longest line kept whole; Apache's own limits keep real lines far below this.</summary>
    public const int MaxLineBytes = 256 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private byte[] _pending = new byte[1024];
    private int _pendingLength;
    private bool _skipToNextLine;
    private long _offset;
    private long _lineStart;

    /// <summary>True while part of a line is held.</summary>
    public bool HasPartialLine => _pendingLength > 0;

    /// <summary>Drops the bytes up to the next line break: used when reading starts in the middle of a file.</summary>
    public void SkipToNextLine() => _skipToNextLine = true;

    /// <summary>Forgets the unfinished line held, if any; the next byte appended lies at <paramref name="offset"/>.</summary>
    public void Reset(long offset = 0)
    {
        _pendingLength = 0;
        _skipToNextLine = false;
        _offset = offset;
        _lineStart = offset;
    }

    /// <summary>Adds bytes and appends the lines they complete to <paramref name="lines"/>.</summary>
    public void Append(ReadOnlySpan<byte> data, List<SplitLine> lines)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOf((byte)'\n');
            if (end < 0)
            {
                Hold(data, lines);
                return;
            }

            var next = _offset + end + 1;
            if (_skipToNextLine)
            {
                _skipToNextLine = false;
                _pendingLength = 0;
            }
            else if (_pendingLength == 0)
            {
                lines.Add(new SplitLine(Decode(data[..end]), _offset, next));
            }
            else
            {
                Hold(data[..end], lines);
                lines.Add(new SplitLine(Decode(_pending.AsSpan(0, _pendingLength)), _lineStart, next));
                _pendingLength = 0;
            }

            _offset = next;
            _lineStart = next;
            data = data[(end + 1)..];
        }
    }

    /// <summary>Returns the unfinished line held, if any, as a line: the input ended without a last line break.</summary>
    public SplitLine? Flush()
    {
        if (_pendingLength == 0 || _skipToNextLine)
        {
            Reset(_offset);
            return null;
        }

        var line = new SplitLine(Decode(_pending.AsSpan(0, _pendingLength)), _lineStart, _offset);
        Reset(_offset);
        return line;
    }

    private void Hold(ReadOnlySpan<byte> data, List<SplitLine> lines)
    {
        if (_skipToNextLine)
        {
            _offset += data.Length;
            return;
        }

        while (_pendingLength + data.Length > MaxLineBytes)
        {
            var room = MaxLineBytes - _pendingLength;
            Keep(data[..room]);
            lines.Add(new SplitLine(Decode(_pending.AsSpan(0, _pendingLength)), _lineStart, _offset));
            _pendingLength = 0;
            _lineStart = _offset;
            data = data[room..];
        }

        Keep(data);
    }

    private void Keep(ReadOnlySpan<byte> data)
    {
        if (_pendingLength + data.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Min(MaxLineBytes, Math.Max(_pending.Length * 2, _pendingLength + data.Length)));
        }

        data.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += data.Length;
        _offset += data.Length;
    }

    private static string Decode(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return Utf8.GetString(line);
    }
}
