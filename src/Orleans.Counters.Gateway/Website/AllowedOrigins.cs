namespace Orleans.Counters.Gateway.Website;

/// <summary>
/// The rules for an account's <c>allowedOrigins</c>: each a web origin as a browser sends it in its
/// <c>Origin</c> header, <c>http</c> or <c>https</c>, <c>scheme://host[:port]</c> and nothing more.
/// Origins are kept normalised (lower case, no default port), so that one comparison with the header
/// decides.
/// </summary>
public static class AllowedOrigins
{
    /// <summary>The most origins an account may list.</summary>
    public const int MaxCount = 20;

    /// <summary>The longest origin accepted, in characters.</summary>
    public const int MaxLength = 253 + 20;

    /// <summary>What every origin must look like, for error messages.</summary>
    public const string Rule = "must be an origin such as https://shop.example or http://127.0.0.1:8080: http or https, a host and an optional port, no path, query, user name or wildcard";

    /// <summary>The normalised origin; null, with the reason, when <paramref name="text"/> is not one.</summary>
    public static string? Normalize(string text, out string? reason)
    {
        reason = Rule;
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (text.Length > MaxLength || separator <= 0)
        {
            return null;
        }

        // Uri forgives (and drops) a trailing slash, spaces, tabs and backslashes; an origin has none of them.
        var authority = text.AsSpan(separator + 3);
        if (authority.IsEmpty || authority.IndexOfAny("/\\?#@*") >= 0 || text.Any(c => c <= ' ' || char.IsControl(c)))
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Host.Length == 0)
        {
            return null;
        }

        reason = null;
        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // IdnHost gives a name as browsers send it (punycode) but drops an IPv6 address's brackets.
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return $"{uri.Scheme}://{host.ToLowerInvariant()}{port}";
    }

    /// <summary>
    /// The normalised, distinct origins of a list, or the problems by position (<c>allowedOrigins[2]</c>).
    /// </summary>
    public static (ImmutableArray<string> Origins, IReadOnlyList<(string Field, string Reason)> Problems) NormalizeAll(IReadOnlyList<string?> texts)
    {
        if (texts.Count > MaxCount)
        {
            return ([], [("allowedOrigins", $"holds {texts.Count} origins; at most {MaxCount} are allowed")]);
        }

        var origins = new List<string>();
        var problems = new List<(string, string)>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is not { } text)
            {
                problems.Add(($"allowedOrigins[{i}]", "must be a string: " + Rule));
            }
            else if (Normalize(text, out var reason) is { } origin)
            {
                if (!origins.Contains(origin, StringComparer.Ordinal))
                {
                    origins.Add(origin);
                }
            }
            else
            {
                problems.Add(($"allowedOrigins[{i}]", reason!));
            }
        }

        return problems.Count > 0 ? ([], problems) : ([.. origins], []);
    }
}
