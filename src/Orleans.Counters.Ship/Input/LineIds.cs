using System.Globalization;
using System.Security.Cryptography;

namespace Orleans.Counters.Ship.Input;

/// <summary>
/// Event ids made of an epoch and the byte offset where the line starts: <c>9f86d081884c7d65-40960</c>.
/// An epoch is 64 random bits drawn for each reading of a content from its start: a run reading
/// standard input, a followed file when it is opened, and again when it is truncated (copytruncate
/// writes new lines at offsets already used). A line's id is fixed when the line is read, so every
/// retry of its batch sends the same id and a durable gateway counts it once. With
/// <c>--position-file</c> the epoch is saved with the offset and taken up again after a restart
/// while the file is the same one (same device and inode, not shorter), so a line read again gets
/// its old id. Ids are not derived from the inode alone: copytruncate keeps the inode and starts
/// again at offset 0, and a freed inode is given to the next new file, so inode + offset would give
/// new lines the ids of old ones still within the gateway's dedupe window.
/// </summary>
public static class LineIds
{
    /// <summary>A new epoch: 16 lowercase hex digits.</summary>
    public static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The id of the line starting at <paramref name="offset"/> in the content read under <paramref name="epoch"/>.</summary>
    public static string For(string epoch, long offset) => epoch + "-" + offset.ToString(CultureInfo.InvariantCulture);
}
