using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Counters.Gateway.Security;

/// <summary>
/// The text of a key: <c>oci_</c> (ingest), <c>ocr_</c> (read) or <c>ocm_</c> (import: moving history in), a 16-hex-digit id, <c>_</c>, and
/// 43 characters of base64url secret (256 random bits). The prefix lets a person, or a secret
/// scanner, tell a key's kind at a glance; the id finds the stored hash without the secret.
/// </summary>
public readonly record struct ApiKeyToken(KeyKind Kind, string Id, string Secret)
{
    private const string IngestPrefix = "oci_";
    private const string ReadPrefix = "ocr_";
    private const string ImportPrefix = "ocm_";
    private const int IdLength = 16;
    private const int SecretBytes = 32;
    private const int SecretLength = 43;

    /// <summary>The length of every key.</summary>
    public const int Length = 4 + IdLength + 1 + SecretLength;

    /// <summary>A new key with a random id and secret.</summary>
    public static ApiKeyToken New(KeyKind kind) => new(
        kind,
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2)),
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>Reads a key's text; false when it does not have a key's shape.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ApiKeyToken? token)
    {
        token = null;
        if (text is null || text.Length != Length || text[4 + IdLength] != '_')
        {
            return false;
        }

        KeyKind? kind = text.StartsWith(IngestPrefix, StringComparison.Ordinal) ? KeyKind.Ingest
            : text.StartsWith(ReadPrefix, StringComparison.Ordinal) ? KeyKind.Read
            : text.StartsWith(ImportPrefix, StringComparison.Ordinal) ? KeyKind.Import
            : null;
        var id = text.Substring(4, IdLength);
        var secret = text[(4 + IdLength + 1)..];
        if (kind is null || !IsId(id) || !Base64Url.IsValid(secret, out var decoded) || decoded != SecretBytes)
        {
            return false;
        }

        token = new ApiKeyToken(kind.Value, id, secret);
        return true;
    }

    /// <summary>True when the text has a key id's shape: 16 lowercase hex digits.</summary>
    public static bool IsId(string? text) => text is { Length: IdLength } && text.All(char.IsAsciiHexDigitLower);

    /// <summary>The SHA-256 of a secret: what is stored and compared.</summary>
    /// <remarks>A fast hash is enough: the secret is 256 random bits, not a password to guess.</remarks>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The SHA-256 of this key's secret.</summary>
    public byte[] SecretHash => Hash(Secret);

    /// <summary>The whole key, secret included: given once, when the key is issued.</summary>
    public string Text => Prefix + Id + "_" + Secret;

    /// <summary>The key without its secret, safe to log.</summary>
    public override string ToString() => Prefix + Id + "_…";

    private string Prefix => Kind switch
    {
        KeyKind.Ingest => IngestPrefix,
        KeyKind.Import => ImportPrefix,
        _ => ReadPrefix,
    };
}
