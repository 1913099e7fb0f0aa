namespace Orleans.Counters.Gateway.Stats;

/// <summary>What a top list ranks, and how long it may be.</summary>
public static class TopBy
{
    /// <summary>Rank the URLs.</summary>
    public const string Url = "url";

    /// <summary>Rank the referrers' sites.</summary>
    public const string Referrer = "referrer";

    /// <summary>How many items a top list has unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The longest top list.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The dimension <c>by</c> names; URLs when absent.</summary>
    public static TopDimension Parse(string? by, StatsQuery query)
    {
        switch (by)
        {
            case null or "" or Url:
                return TopDimension.Url;
            case Referrer:
                return TopDimension.Referrer;
            default:
                query.Refuse("by", $"must be '{Url}' or '{Referrer}'");
                return TopDimension.Url;
        }
    }

    /// <summary>The name a dimension has in the API.</summary>
    public static string Name(TopDimension by) => by == TopDimension.Referrer ? Referrer : Url;
}
