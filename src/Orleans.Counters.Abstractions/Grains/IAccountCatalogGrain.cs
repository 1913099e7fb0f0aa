namespace Orleans.Counters.Grains;

/// <summary>What an account has sent: the event types seen so far. Key: the account (or <c>all</c>).</summary>
public interface IAccountCatalogGrain : IGrainWithStringKey
{
    /// <summary>Records event types; known ones are ignored.</summary>
    Task AddTypesAsync(ImmutableArray<string> types);

    /// <summary>The event types seen so far, sorted.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> GetTypesAsync();
}
