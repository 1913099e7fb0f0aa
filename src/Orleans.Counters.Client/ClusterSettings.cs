namespace Orleans.Counters.Client;

/// <summary>Cluster identity and ports. Section <c>Counters:Cluster</c>.</summary>
public sealed class ClusterSettings : ICountersOptions<ClusterSettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Cluster";

    /// <summary>Silos and clients join only a cluster with the same id.</summary>
    public string ClusterId { get; set; } = "counters";

    /// <summary>Grain state is keyed by service id: keep it across deployments.</summary>
    public string ServiceId { get; set; } = "orleans-counters";

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (gateways, other .NET services) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; the machine's address when empty.</summary>
    public string? AdvertisedAddress { get; set; }

    static string ICountersOptions<ClusterSettings>.Section => Section;
}
