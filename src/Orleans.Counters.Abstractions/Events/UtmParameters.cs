namespace Orleans.Counters.Events;

/// <summary>
/// The campaign parameters of a URL's query string (<c>utm_source</c>, <c>utm_medium</c>, <c>utm_campaign</c>,
/// <c>utm_term</c>, <c>utm_content</c>), taken before the query is dropped (<see cref="UrlNormalizer"/>), to be
/// counted as properties of the same names. A value is percent-decoded ('+' is a space), cut to
/// <see cref="EventLimits.MaxPropertyValueLength"/>, and left out when empty or holding what a property may not:
/// it comes from a visitor's link, and must not cost the pageview.
/// </summary>
public static class UtmParameters
{
    /// <summary>The parameters taken, in their usual order.</summary>
    public static readonly IReadOnlyList<string> Names = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];

    /// <summary>The campaign parameters of <paramref name="url"/>; empty when it has none. The first of a repeated one counts.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(string url)
    {
        var start = url.IndexOf('?');
        if (start < 0)
        {
            return [];
        }

        var end = url.IndexOf('#', start);
        var query = url.AsSpan(start + 1, (end < 0 ? url.Length : end) - start - 1);
        List<KeyValuePair<string, string>>? found = null;
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            if (equals <= 0 || NameOf(pair[..equals]) is not { } name
                || found?.Exists(p => p.Key == name) == true
                || Decode(pair[(equals + 1)..]) is not { } value)
            {
                continue;
            }

            (found ??= []).Add(new(name, value));
        }

        return found ?? [];
    }

    private static string? NameOf(ReadOnlySpan<char> key)
    {
        foreach (var name in Names)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }

    private static string? Decode(ReadOnlySpan<char> raw)
    {
        string value;
        try
        {
            value = Uri.UnescapeDataString(raw.ToString().Replace('+', ' ')).Trim();
        }
        catch (UriFormatException)
        {
            return null;
        }

        if (value.Length > EventLimits.MaxPropertyValueLength)
        {
            value = value[..EventLimits.MaxPropertyValueLength];
        }

        return value.Length == 0 || EventText.Problem(value) is not null ? null : value;
    }
}
