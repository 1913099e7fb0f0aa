namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>
/// Events sent by a browser take its User-Agent header when they have no <c>userAgent</c> field. A
/// browser's request is told by its Origin header, which browsers put on every POST from a page; a
/// server or a script (curl) sends none, and its own user agent says nothing of the visitor, so its
/// events keep only what their field says.
/// </summary>
public static class BrowserUserAgent
{
    /// <summary>The events, those without a user agent given the header's when the request is a browser's.</summary>
    public static IReadOnlyList<EventInput> Apply(IReadOnlyList<EventInput> events, HttpRequest request)
    {
        var header = request.Headers.UserAgent.ToString();
        if (header.Length == 0 || !request.Headers.ContainsKey("Origin") || events.All(e => e.UserAgent is not null))
        {
            return events;
        }

        var agent = header.Length > EventLimits.MaxUserAgentLength ? header[..EventLimits.MaxUserAgentLength] : header;
        return [.. events.Select(e => e.UserAgent is null ? e with { UserAgent = agent } : e)];
    }
}
