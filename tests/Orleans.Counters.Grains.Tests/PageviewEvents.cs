namespace Orleans.Counters.Grains.Tests;

/// <summary>Pageviews as the overflow tests send them: a URL, and optionally a value and a referrer.</summary>
internal static class PageviewEvents
{
    /// <summary>The type they carry.</summary>
    public const string Type = "pageview";

    /// <summary>One pageview of <paramref name="account"/> at <paramref name="at"/>.</summary>
    public static CounterEvent Event(string account, DateTime at, string url, double? value = null, string? referrer = null) => new()
    {
        Account = account,
        Type = Type,
        Timestamp = at,
        Url = url,
        Value = value,
        Properties = referrer is null ? null : ImmutableDictionary<string, string>.Empty.Add(CounterEvent.ReferrerProperty, referrer),
    };
}
