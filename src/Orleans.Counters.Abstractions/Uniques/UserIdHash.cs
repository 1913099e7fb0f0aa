using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Orleans.Counters.Uniques;

/// <summary>
/// The 64-bit hash a <see cref="UserSketch"/> keeps of a user id: XxHash64 (seed 0) of its UTF-8
/// bytes. It must never change, nor depend on the process or machine, because sketches built by
/// different silos and in different years are merged together.
/// </summary>
public static class UserIdHash
{
    // User ids are at most EventLimits.MaxUserIdLength (256) chars, so 3 UTF-8 bytes each fit here.
    private const int StackBytes = 1024;

    /// <summary>The hash of <paramref name="userId"/>.</summary>
    public static ulong Of(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var length = Encoding.UTF8.GetMaxByteCount(userId.Length);
        byte[]? rented = null;
        var buffer = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(userId, buffer);
            return XxHash64.HashToUInt64(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
