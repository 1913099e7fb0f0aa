namespace Orleans.Counters.Zones;

/// <summary>An account's time zones: the one its reads use, the ones its messages were counted in, and a change being rebuilt.</summary>
/// <param name="History">The zone of each message, by its publish time: the planner of the account's ingest grain uses it.</param>
/// <param name="ReadZone">The zone whose periods reads answer from; the former zone while a change is rebuilt. Null for UTC.</param>
/// <param name="RebuildingTo">The zone a rebuild is moving the account's counts to; null when none runs.</param>
/// <param name="UniquesApproximateBefore">
/// Set once a rebuild moved counts between zones whose hours do not line up (Asia/Kolkata's half hours and UTC's
/// whole ones), to the moment its change took effect: the uniques of periods that begin before it may count a user
/// of a split hour in both parts. Set when reads switch, not before: the former generation read meanwhile split nothing.
/// </param>
[GenerateSerializer, Immutable, Alias("counters.account-zone")]
public sealed record AccountZone(
    [property: Id(0)] ZoneHistory History,
    [property: Id(1)] string? ReadZone,
    [property: Id(2)] ZoneTarget? RebuildingTo,
    [property: Id(3)] DateTime? UniquesApproximateBefore)
{
    /// <summary>An account that has only ever counted in <paramref name="zone"/>.</summary>
    public static AccountZone Of(string? zone) => new(ZoneHistory.Of(zone), zone, null, null);

    /// <summary>True while a change of zone is being rebuilt: reads answer from the former zone.</summary>
    public bool Rebuilding => RebuildingTo is not null;

    /// <summary>The generation of counters reads use: the former zone's while a change is rebuilt.</summary>
    public int ReadGeneration => History.Switches.Length - (Rebuilding ? 2 : 1);

    /// <summary>
    /// The account name to read <paramref name="account"/>'s periods of <paramref name="zone"/> under: the latest
    /// generation up to <see cref="ReadGeneration"/> in that zone. A reader whose zone was read a moment before a
    /// rebuild finished still asks for the former zone's periods, and reads them where they are.
    /// </summary>
    public string CounterAccount(string account, string? zone)
    {
        for (var generation = ReadGeneration; generation > 0; generation--)
        {
            if (History.Switches[generation].Zone == zone)
            {
                return ZoneHistory.CounterAccount(account, generation);
            }
        }

        return account;
    }

    /// <summary>True when the uniques of a period beginning at <paramref name="start"/> may count some users twice.</summary>
    public bool UniquesApproximateFrom(DateTime start) => UniquesApproximateBefore is { } before && start < before;
}
