namespace Orleans.Counters.Grains.Settings;

/// <summary>The site domains of every account, as stored.</summary>
[GenerateSerializer, Alias("counters.domain-directory-state")]
public sealed class DomainDirectoryState
{
    /// <summary>Each domain's account.</summary>
    [Id(0)] public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.Ordinal);
}
