namespace Orleans.Counters.Grains.Catalog;

/// <summary>The accounts the cluster knows.</summary>
[GenerateSerializer, Alias("counters.directory-state")]
public sealed class AccountDirectoryState
{
    /// <summary>The accounts.</summary>
    [Id(0)] public HashSet<string> Accounts { get; set; } = [];
}
