using System.Security.Cryptography;

namespace Orleans.Counters.Ship.Import;

/// <summary>
/// The id of an event that the file gives none: a hash of its line number and the line's text, so that
/// importing the same file again gives it the same id (and the gateway counts it once), while two equal
/// lines at different places stay two events. Editing lines above it changes it: see README.
/// </summary>
public static class DerivedId
{
    /// <summary>The prefix that tells a derived id from one the file gave.</summary>
    public const string Prefix = "line-";

    /// <summary>The id of line <paramref name="number"/> holding <paramref name="text"/>.</summary>
    public static string Of(long number, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{number}\n{text}"));
        return $"{Prefix}{number}-{Convert.ToHexStringLower(hash.AsSpan(0, 12))}";
    }
}
