namespace Orleans.Counters.Gateway.Stats;

/// <summary>The length of one point of a time series.</summary>
public enum SeriesInterval
{
    /// <summary>A minute: no users of its own are kept, so its point has no <c>uniques</c>.</summary>
    Minute,

    /// <summary>An hour of the account's time zone, counted from local midnight.</summary>
    Hour,

    /// <summary>A local day.</summary>
    Day,

    /// <summary>A local month; the first and last are cut to the period.</summary>
    Month,
}
