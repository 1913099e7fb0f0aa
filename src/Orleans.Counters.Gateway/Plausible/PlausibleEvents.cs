namespace Orleans.Counters.Gateway.Plausible;

/// <summary>A Plausible event as one of ours, and our field names back as Plausible's.</summary>
public static class PlausibleEvents
{
    /// <summary>The property the revenue's currency is kept in.</summary>
    public const string CurrencyProperty = "currency";

    /// <summary>
    /// The event to count for one account: its name as the type, its URL (whose UTM parameters become properties),
    /// its referrer and props as properties, its revenue as the value, and the request's User-Agent header (which
    /// Plausible's API requires: the visitor's browser, forwarded by a server that calls it) for bot detection.
    /// </summary>
    public static EventInput ToInput(PlausibleEvent plausible, string account, string userAgent)
    {
        var properties = plausible.Props is { } props ? new Dictionary<string, string>(props, StringComparer.Ordinal) : [];
        if (plausible.Referrer is { } referrer)
        {
            properties[CounterEvent.ReferrerProperty] = referrer;
        }

        if (plausible.Currency is { } currency)
        {
            properties[CurrencyProperty] = currency;
        }

        return new EventInput
        {
            Account = account,
            Type = PlausibleEventNames.TypeOf(plausible.Name),
            Url = plausible.Url,
            Value = plausible.Revenue,
            UserAgent = userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, EventLimits.MaxUserAgentLength)],
            Properties = properties.Count > 0 ? properties : null,
        };
    }

    /// <summary>Our field name as Plausible's documented one, for error messages.</summary>
    public static string? FieldName(string? field) => field switch
    {
        "type" => "name",
        "value" => "revenue.amount",
        "properties" => "props",
        not null when field.StartsWith("properties.", StringComparison.Ordinal) => "props." + field["properties.".Length..],
        _ => field,
    };
}
