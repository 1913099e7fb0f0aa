namespace Orleans.Counters.Gateway.Stats;

/// <summary>What a top list ranks, and how long it may be.</summary>
public static class TopBy
{
    /// <summary>Rank the URLs.</summary>
    public const string Url = "url";

    /// <summary>How many items a top list has unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The longest top list.</summary>
    public const int MaxLimit = 1000;
}
