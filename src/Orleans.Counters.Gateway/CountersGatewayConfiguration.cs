using Orleans.Counters.Gateway.Ingestion;
using Orleans.Counters.Gateway.Security;
using Orleans.Counters.Gateway.SpringCompatibility;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Postgres;

namespace Orleans.Counters.Gateway;

/// <summary>The options a gateway process reads as an Orleans client: the registry the deployment checks compare manifests with.</summary>
public static class CountersGatewayConfiguration
{
    /// <summary>Every section a gateway binds, with the type bound to it.</summary>
    public static IReadOnlyList<CountersOptionsSection> Options { get; } =
    [
        .. CountersClientConfiguration.Options,
        .. PostgresQueueConfiguration.Options,
        CountersOptionsSection.Of<OrleansDashboardSettings>(),
        CountersOptionsSection.Of<GatewaySettings>(),
        CountersOptionsSection.Of<IngestLimits>(),
        CountersOptionsSection.Of<SpringEventCounterSettings>(),
        // Still read when the current section is absent.
        new(SpringEventCounterSettings.LegacySection, typeof(SpringEventCounterSettings)),
        CountersOptionsSection.Of<SecuritySettings>(),
        CountersOptionsSection.Of<RateLimitSettings>(),
    ];
}
