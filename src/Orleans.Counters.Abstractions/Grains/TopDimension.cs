namespace Orleans.Counters.Grains;

/// <summary>What a top list ranks an event type's events by.</summary>
public enum TopDimension
{
    /// <summary>The page the event happened on.</summary>
    Url,

    /// <summary>The site the user came from (<see cref="Series.ReferrerSource"/>).</summary>
    Referrer,
}
