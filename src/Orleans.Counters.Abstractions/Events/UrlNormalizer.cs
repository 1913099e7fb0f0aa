namespace Orleans.Counters.Events;

/// <summary>Turns what a client sent as <c>url</c> into the path that is counted.</summary>
public static class UrlNormalizer
{
    /// <summary>
    /// Keeps the path of a path or absolute http(s) URL, dropping the query string and fragment.
    /// Returns false, with a reason, for anything else.
    /// </summary>
    public static bool TryNormalize(string raw, out string path, out string reason)
    {
        path = string.Empty;
        var candidate = raw;
        if (candidate.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || candidate.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var absolute))
            {
                reason = "must be a path starting with '/' or an absolute http(s) URL";
                return false;
            }

            candidate = absolute.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
            candidate = "/" + candidate;
        }

        var cut = candidate.AsSpan().IndexOfAny('?', '#');
        if (cut >= 0)
        {
            candidate = candidate[..cut];
        }

        if (!candidate.StartsWith('/'))
        {
            reason = "must be a path starting with '/' or an absolute http(s) URL";
            return false;
        }

        if (candidate.Length > EventLimits.MaxUrlLength)
        {
            reason = $"must be at most {EventLimits.MaxUrlLength} characters without its query string";
            return false;
        }

        if (candidate.Any(char.IsControl))
        {
            reason = "must not contain control characters";
            return false;
        }

        path = candidate;
        reason = string.Empty;
        return true;
    }
}
