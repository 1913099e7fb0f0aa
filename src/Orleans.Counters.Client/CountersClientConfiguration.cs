namespace Orleans.Counters.Client;

/// <summary>The options every counters process reads (silo, gateway, client), besides <c>ConnectionStrings:Counters</c>.</summary>
public static class CountersClientConfiguration
{
    /// <summary>Storage and streams mode, cluster identity and ports (the durable queue's are Orleans.Counters.Postgres').</summary>
    public static IReadOnlyList<CountersOptionsSection> Options { get; } =
    [
        CountersOptionsSection.Of<CountersRootSettings>(),
        CountersOptionsSection.Of<ClusterSettings>(),
    ];
}
