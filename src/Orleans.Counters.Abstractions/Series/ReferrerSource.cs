namespace Orleans.Counters.Series;

/// <summary>
/// What a referrer is counted under: the site it names, so that every page of a search engine or a
/// newsletter's links add up. <c>https://www.google.com/search?q=x</c> counts as <c>google.com</c>.
/// </summary>
public static class ReferrerSource
{
    /// <summary>The longest source kept; longer text is cut.</summary>
    public const int MaxLength = 253;

    /// <summary>The lower-case host of a URL without a leading <c>www.</c>; the trimmed text itself when it is no URL with a host; null when blank.</summary>
    public static string? Of(string? referrer)
    {
        if (string.IsNullOrWhiteSpace(referrer))
        {
            return null;
        }

        var text = referrer.Trim();
        var source = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? uri.Host.ToLowerInvariant()
            : text;
        if (source.StartsWith("www.", StringComparison.Ordinal) && source.Length > 4)
        {
            source = source[4..];
        }

        return source.Length > MaxLength ? source[..MaxLength] : source;
    }
}
