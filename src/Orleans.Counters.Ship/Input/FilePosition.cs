namespace Orleans.Counters.Ship.Input;

/// <summary>How far a followed file has been read: which file, which reading of its content, and the offset.</summary>
/// <param name="Identity">The file (device and inode).</param>
/// <param name="Epoch">The id prefix of the lines of this reading of the file (see <see cref="LineIds"/>).</param>
/// <param name="Offset">The offset just past the last line taken into account.</param>
/// <param name="Head">
/// A hash of the file's first bytes (up to <see cref="FollowedFile.PrefixLength"/>, at most <paramref name="Offset"/>):
/// once the tool has closed a file, its inode may be given to a new one, so the identity alone does not
/// prove after a restart that the path still holds the same content.
/// </param>
public sealed record FilePosition(FileIdentity Identity, string Epoch, long Offset, string Head);
