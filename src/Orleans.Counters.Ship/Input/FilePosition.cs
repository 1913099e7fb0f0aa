namespace Orleans.Counters.Ship.Input;

/// <summary>How far a followed file has been read: which file, which reading of its content, and the offset.</summary>
/// <param name="Identity">The file (device and inode).</param>
/// <param name="Epoch">The id prefix of the lines of this reading of the file (see <see cref="LineIds"/>).</param>
/// <param name="Offset">The offset just past the last line taken into account.</param>
public sealed record FilePosition(FileIdentity Identity, string Epoch, long Offset);
