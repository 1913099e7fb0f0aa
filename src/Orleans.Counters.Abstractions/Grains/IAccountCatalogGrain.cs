namespace Orleans.Counters.Grains;

/// <summary>What an account has sent: the event types seen so far and when its events happened. Key: the account (or <c>all</c>, types only).</summary>
public interface IAccountCatalogGrain : IGrainWithStringKey
{
    /// <summary>Records event types; known ones are ignored. Takes any number: for <c>all</c>, which gathers every account's.</summary>
    Task AddTypesAsync(ImmutableArray<string> types);

    /// <summary>
    /// Records an account's event types while it has room for them (a cap per account, set on the silos),
    /// and answers which of <paramref name="types"/> it holds once they are stored; the others' events count
    /// as type <see cref="Series.SeriesId.Overflow"/>, which the catalog then lists too. The catalog only
    /// grows and stops growing when full, so a type gets the same answer every time it is asked about.
    /// </summary>
    Task<ImmutableArray<string>> AdmitTypesAsync(ImmutableArray<string> types);

    /// <summary>
    /// Records property names to break the account's counts down by while it has room for them (a cap per
    /// account, set on the silos), and answers which of <paramref name="names"/> it holds once they are
    /// stored; when one is refused, the catalog lists <see cref="Series.SeriesId.Overflow"/> among its names,
    /// to tell that a name past the cap may have been sent. Like types, the names only grow and stop growing
    /// when full, so a name gets the same answer every time.
    /// </summary>
    Task<ImmutableArray<string>> AdmitPropertiesAsync(ImmutableArray<string> names);

    /// <summary>The property names the account's counts are broken down by, sorted; <see cref="Series.SeriesId.Overflow"/> among them once one was refused.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> GetPropertiesAsync();

    /// <summary>The event types seen so far, sorted.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> GetTypesAsync();

    /// <summary>Widens the span of minutes the account's events cover to hold <paramref name="span"/>; answers the span stored.</summary>
    Task<EventTimeSpan> AddEventTimesAsync(EventTimeSpan span);

    /// <summary>The minutes of the account's first and last counted events.</summary>
    [ReadOnly]
    Task<EventTimeSpan> GetEventTimesAsync();
}
