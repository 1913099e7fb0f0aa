namespace Orleans.Counters.Zones;

/// <summary>
/// The zones an account has counted in, each from the publish time its change took effect. A message is
/// counted in the zone in effect when it was published, so that applying it again (catch-up, repair) lands it
/// in the same hours as the first time, whenever that happens. Its hours in a zone that was left since pass
/// their counts on to the zone that followed (<see cref="NextAfter"/>), and that one to the next.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.zone-history")]
public sealed record ZoneHistory([property: Id(0)] ImmutableArray<ZoneSwitch> Switches)
{
    /// <summary>An account that has counted in <paramref name="zone"/> only.</summary>
    public static ZoneHistory Of(string? zone) => new([new ZoneSwitch(DateTime.MinValue, zone)]);

    /// <summary>The zone counted in now.</summary>
    public string? Current => Switches[^1].Zone;

    /// <summary>The separator of an account's name and its counters' generation: account names cannot hold it.</summary>
    public const char GenerationSeparator = '#';

    /// <summary>The zone in effect for a message published at <paramref name="publishedAt"/> (unknown: before any change).</summary>
    public string? ZoneAt(DateTime? publishedAt) => Switches[IndexAt(publishedAt)].Zone;

    /// <summary>The generation of counters a message published at <paramref name="publishedAt"/> counts in.</summary>
    public int GenerationAt(DateTime? publishedAt) => IndexAt(publishedAt);

    /// <summary>
    /// The account name an account's counters of a generation are kept under: the account itself for its first
    /// zone (as before any change), <c>account#N</c> for the zone of the N-th change.
    /// </summary>
    public static string CounterAccount(string account, int generation) =>
        generation == 0 ? account : $"{account}{GenerationSeparator}{generation}";

    /// <summary>The account whose counters <paramref name="counterAccount"/> names (<see cref="CounterAccount"/>).</summary>
    public static string AccountOf(string counterAccount) =>
        counterAccount.IndexOf(GenerationSeparator) is var at and >= 0 ? counterAccount[..at] : counterAccount;

    /// <summary>
    /// For a message published at <paramref name="publishedAt"/>: the zone its hours pass their counts on to, or
    /// null when it is counted in the current zone.
    /// </summary>
    public ZoneTarget? NextAfter(DateTime? publishedAt)
    {
        var index = IndexAt(publishedAt);
        return index == Switches.Length - 1 ? null : new ZoneTarget(Switches[index + 1].Zone, index + 1);
    }

    /// <summary>The history once the zone changes to <paramref name="zone"/> for messages published from <paramref name="at"/> on.</summary>
    public ZoneHistory Then(DateTime at, string? zone) =>
        at <= Switches[^1].At
            ? throw new ArgumentOutOfRangeException(nameof(at), at, $"A change takes effect after the last one ({Switches[^1].At:O}).")
            : new([.. Switches, new ZoneSwitch(at, zone)]);

    private int IndexAt(DateTime? publishedAt)
    {
        var at = publishedAt ?? DateTime.MinValue;
        var index = 0;
        while (index + 1 < Switches.Length && Switches[index + 1].At <= at)
        {
            index++;
        }

        return index;
    }
}
