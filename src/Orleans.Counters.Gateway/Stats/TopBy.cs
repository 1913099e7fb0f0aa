namespace Orleans.Counters.Gateway.Stats;

/// <summary>What a top list ranks, and how long it may be.</summary>
public static class TopBy
{
    /// <summary>Rank the URLs.</summary>
    public const string Url = "url";

    /// <summary>Rank the referrers' sites (<c>prop:NAME</c> ranks a property's values).</summary>
    public const string Referrer = "referrer";

    /// <summary>How many items a top list has unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The longest top list.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The dimension <c>by</c> names: <c>url</c> (also when absent), <c>referrer</c> or <c>prop:NAME</c>.</summary>
    public static TopDimension Parse(string? by, StatsQuery query)
    {
        switch (by)
        {
            case null or "" or Url:
                return TopDimension.Url;
            case Referrer:
                return TopDimension.Referrer;
            case not null when by.StartsWith(TopDimension.PropertyPrefix, StringComparison.Ordinal):
                var name = by[TopDimension.PropertyPrefix.Length..];
                return query.PropertyName("by", name) ? TopDimension.OfProperty(name) : TopDimension.Url;
            default:
                query.Refuse("by", $"must be '{Url}', '{Referrer}' or '{TopDimension.PropertyPrefix}NAME'");
                return TopDimension.Url;
        }
    }
}
