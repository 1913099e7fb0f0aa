namespace Orleans.Counters.Events;

/// <summary>Turns what a client sent as <c>url</c> into the path that is counted.</summary>
public static class UrlNormalizer
{
    private const string PathOrUrl = "must be a path starting with '/' or an absolute http(s) URL";

    /// <summary>
    /// Keeps the path of a path or absolute http(s) URL, exactly as sent, dropping the query
    /// string and fragment: <c>https://shop.example/cart?x=1</c> and <c>/cart</c> both count as
    /// <c>/cart</c>. Returns false, with a reason, for anything else.
    /// </summary>
    public static bool TryNormalize(string raw, out string path, out string reason)
    {
        path = string.Empty;
        var candidate = raw.AsSpan();
        if (TryStripOrigin(ref candidate) is false)
        {
            reason = PathOrUrl;
            return false;
        }

        var cut = candidate.IndexOfAny('?', '#');
        if (cut >= 0)
        {
            candidate = candidate[..cut];
        }

        if (!candidate.StartsWith("/"))
        {
            reason = PathOrUrl;
            return false;
        }

        if (candidate.Length > EventLimits.MaxUrlLength)
        {
            reason = $"must be at most {EventLimits.MaxUrlLength} characters without its query string";
            return false;
        }

        if (candidate.ContainsAnyInRange('\u0000', '\u001F') || candidate.ContainsAnyInRange('\u007F', '\u009F'))
        {
            reason = "must not contain control characters";
            return false;
        }

        path = candidate.ToString();
        reason = string.Empty;
        return true;
    }

    /// <summary>Drops <c>http(s)://host[:port]</c>; null when there was none, false when the origin has no host.</summary>
    private static bool? TryStripOrigin(ref ReadOnlySpan<char> url)
    {
        var schemeLength = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : 0;
        if (schemeLength == 0)
        {
            return null;
        }

        var afterScheme = url[schemeLength..];
        var hostEnd = afterScheme.IndexOfAny('/', '?', '#');
        var host = hostEnd < 0 ? afterScheme : afterScheme[..hostEnd];
        if (host.IsEmpty)
        {
            return false;
        }

        url = hostEnd < 0 || afterScheme[hostEnd] != '/' ? "/" : afterScheme[hostEnd..];
        return true;
    }
}
