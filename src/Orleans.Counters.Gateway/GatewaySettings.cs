namespace Orleans.Counters.Gateway;

/// <summary>How the gateway reaches the cluster. Section <c>Counters:Gateway</c>.</summary>
public sealed class GatewaySettings : ICountersOptions<GatewaySettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Gateway";

    /// <summary>
    /// True (the default): the gateway runs a silo in its own process. False: it joins an
    /// existing cluster as an Orleans client.
    /// </summary>
    public bool HostSilo { get; set; } = true;

    static string ICountersOptions<GatewaySettings>.Section => Section;
}
