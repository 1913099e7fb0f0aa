namespace Orleans.Counters.Zones;

/// <summary>
/// The accounts with a rebuild into a new time zone under way, so that a rebuild whose silo died goes on: every
/// silo asks it now and then to resume them all. One per cluster, key <c>all</c>.
/// </summary>
public interface IZoneRebuildRegistryGrain : IGrainWithStringKey
{
    /// <summary>Adds an account whose rebuild started.</summary>
    Task AddAsync(string account);

    /// <summary>Takes out an account whose rebuild is done.</summary>
    Task RemoveAsync(string account);

    /// <summary>Asks each listed account's rebuild to go on.</summary>
    Task ResumeAllAsync();

    /// <summary>The accounts listed.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<string>> ListAsync();
}
