using System.Text.Json;

namespace Orleans.Counters.Ship.Input;

/// <summary>
/// Where the followed file has been read up to, kept across restarts (<c>--position-file</c>): one
/// small JSON object, <c>{"path","device","inode","epoch","offset","head"}</c>. It is written only after the
/// gateway answered 2xx for the batch holding the line before the offset, and atomically (a temporary
/// file next to it, flushed to disk, then renamed over it), so after a crash it holds an old position
/// or a new one, never half of one: lines after it are read and sent again, with the same ids.
/// </summary>
/// <param name="path">The position file.</param>
/// <param name="followed">The followed file, by full path: a position of another file is not taken up.</param>
public sealed class PositionFile(string path, string followed)
{
    private readonly string _temporary = path + ".tmp";
    private readonly Lock _lock = new();

    /// <summary>The position file's path.</summary>
    public string Path => path;

    /// <summary>The saved position; null when there is none yet.</summary>
    /// <exception cref="InvalidDataException">The file holds no position of this tool, or one of another followed file.</exception>
    public FilePosition? Load()
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var savedPath = root.GetProperty("path").GetString();
            if (savedPath != followed)
            {
                throw new InvalidDataException($"{path} holds the position of {savedPath}, not of {followed}: give each followed file a position file of its own");
            }

            var epoch = root.GetProperty("epoch").GetString();
            var offset = root.GetProperty("offset").GetInt64();
            var head = root.GetProperty("head").GetString();
            if (string.IsNullOrEmpty(epoch) || offset < 0 || head is null)
            {
                throw new InvalidDataException($"{path} holds no valid position");
            }

            return new FilePosition(new FileIdentity(root.GetProperty("device").GetUInt64(), root.GetProperty("inode").GetUInt64()), epoch, offset, head);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a position file of counters-ship ({e.Message})", e);
        }
    }

    /// <summary>Saves a position in place of the last one.</summary>
    public void Save(FilePosition position)
    {
        lock (_lock)
        {
            using (var stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using (var writer = new Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", followed);
                    writer.WriteNumber("device", position.Identity.Device);
                    writer.WriteNumber("inode", position.Identity.Inode);
                    writer.WriteString("epoch", position.Epoch);
                    writer.WriteNumber("offset", position.Offset);
                    writer.WriteString("head", position.Head);
                    writer.WriteEndObject();
                }

                // On disk before the rename: otherwise a crash could leave the new name on empty content.
                stream.Flush(flushToDisk: true);
            }

            File.Move(_temporary, path, overwrite: true);
        }
    }
}
