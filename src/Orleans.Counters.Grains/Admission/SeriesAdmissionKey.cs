namespace Orleans.Counters.Grains.Admission;

/// <summary>
/// The key of a year's series admission: <c>account|year</c>, the year in the account's time zone, as its
/// periods are. One grain for the account's year, whichever of its <see cref="CounterGroup.ShardCount"/>
/// shards a series lives in, so the cap is the account's, not a shard's.
/// </summary>
public static class SeriesAdmissionKey
{
    /// <summary>The admission of the year a counter group's period lies in.</summary>
    public static string Of(CounterGroup group) => $"{group.Account}|{Period.Year(group.Period.Local.Year, group.Period.Zone)}";
}
