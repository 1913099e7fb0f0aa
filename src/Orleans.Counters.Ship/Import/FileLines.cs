namespace Orleans.Counters.Ship.Import;

/// <summary>
/// Reads a file line by line from a byte offset, knowing each line's number and where it ends, without
/// holding more than one line: a file of any size is streamed. Lines end at <c>\n</c> (a <c>\r</c>
/// before it is dropped); the text is UTF-8, a byte-order mark at the start skipped.
/// </summary>
public static class FileLines
{
    private const int BufferBytes = 64 * 1024;

    /// <summary>The lines after <paramref name="offset"/>, the first numbered <paramref name="firstNumber"/>.</summary>
    public static IEnumerable<FileLine> Read(Stream stream, long offset, long firstNumber)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[BufferBytes];
        var line = new MemoryStream();
        var position = offset;
        var number = firstNumber;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                line.Write(buffer, start, i - start);
                position += i - start + 1;
                start = i + 1;
                yield return new FileLine(number++, position, Decode(line, atFileStart: position - line.Length - 1 == 0));
                line.SetLength(0);
            }

            line.Write(buffer, start, read - start);
            position += read - start;
        }

        if (line.Length > 0)
        {
            yield return new FileLine(number, position, Decode(line, atFileStart: position - line.Length == 0));
        }
    }

    private static string Decode(MemoryStream line, bool atFileStart)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (atFileStart && bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.EndsWith("\r"u8))
        {
            bytes = bytes[..^1];
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
