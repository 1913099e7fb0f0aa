namespace Orleans.Counters.Grains.Catalog;

/// <summary>The event types an account has sent.</summary>
[GenerateSerializer, Alias("counters.catalog-state")]
public sealed class AccountCatalogState
{
    /// <summary>The types seen.</summary>
    [Id(0)] public HashSet<string> Types { get; set; } = [];
}
