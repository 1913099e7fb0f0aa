using System.Security.Cryptography;

namespace Orleans.Counters.Ship.Mapping;

/// <summary>
/// Makes the user id of a log line: the first 16 bytes of SHA-256(salt + address + "\n" + user agent),
/// in lower-case hex. The same visitor gets the same id for as long as the salt stays the same, and
/// the address cannot be read back from it without the salt.
/// </summary>
public sealed class UserIdHasher(string salt)
{
    private const int IdBytes = 16;

    /// <summary>The salt ids are made with.</summary>
    public string Salt => salt;

    /// <summary>The user id of a client address and user agent (null for none).</summary>
    public string Hash(string clientAddress, string? userAgent)
    {
        var text = string.Concat(salt, clientAddress, "\n", userAgent);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, IdBytes));
    }

    /// <summary>A salt for one run when none is configured: 16 random bytes in hex.</summary>
    public static string RandomSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
