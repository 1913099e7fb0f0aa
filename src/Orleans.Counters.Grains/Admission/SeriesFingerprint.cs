using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Counters.Grains.Admission;

/// <summary>
/// What a year's admission remembers of a series: 128 bits of the SHA-256 of its type and value. A URL
/// may be 2,048 characters; its fingerprint is 16 bytes, so a full year's record stays a few megabytes.
/// A cryptographic hash, because a client choosing its URLs must not be able to make a new one pass for
/// one admitted already (with a fast non-keyed hash, collisions can be computed); two series sharing a
/// fingerprint by chance would only let one more series than the cap have a counter of its own.
/// </summary>
/// <param name="High">The first 64 bits of the hash.</param>
/// <param name="Low">The next 64 bits.</param>
[GenerateSerializer, Immutable, Alias("counters.series-fingerprint")]
public readonly record struct SeriesFingerprint([property: Id(0)] ulong High, [property: Id(1)] ulong Low)
{
    /// <summary>The fingerprint of a series.</summary>
    public static SeriesFingerprint Of(SeriesId series)
    {
        // Types hold no control characters (validated at the gateway), so the separator cannot be forged.
        var text = Encoding.UTF8.GetBytes($"{series.Type}\n{series.Url}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text, hash);
        return new SeriesFingerprint(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash[8..]));
    }
}
