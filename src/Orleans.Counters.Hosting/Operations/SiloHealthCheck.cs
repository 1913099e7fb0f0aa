using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Orleans.Counters.Hosting.Operations;

/// <summary>
/// Ready when this silo is <see cref="SiloStatus.Active"/> in the membership table: it has joined the
/// cluster and takes grains. Read from the silo's own membership view, so it asks nothing of other silos.
/// </summary>
public sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"this silo is active, {active} active silo(s)")
            : HealthCheckResult.Unhealthy($"this silo is {status}"));
    }
}
