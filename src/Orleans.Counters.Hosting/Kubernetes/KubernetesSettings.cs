using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Hosting.Kubernetes;

/// <summary>
/// Whether a silo uses Orleans' Kubernetes hosting. Section <c>Counters:Kubernetes</c>, which also
/// sets <see cref="KubernetesHostingOptions"/> (<c>MaxAgents</c>, <c>DeleteDefunctSiloPods</c>, …).
/// </summary>
public sealed class KubernetesSettings : ICountersOptions<KubernetesSettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Kubernetes";

    /// <summary>
    /// Off unless set, even inside Kubernetes: on, the silo needs the pod's name and namespace, the
    /// <c>orleans/*</c> labels and the RBAC of <c>deploy/k8s</c>, and without that RBAC Orleans retries
    /// the Kubernetes API without end, so the silo never starts. Needs PostgreSQL storage (membership).
    /// </summary>
    public bool Enabled { get; set; }

    static string ICountersOptions<KubernetesSettings>.Section => Section;

    /// <summary>Throws when Kubernetes hosting is asked for without PostgreSQL membership.</summary>
    /// <exception cref="InvalidOperationException">Enabled with <paramref name="storage"/> other than PostgreSQL.</exception>
    public KubernetesSettings RequireMembershipIn(StorageMode storage)
    {
        if (Enabled && storage != StorageMode.PostgreSql)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(Enabled)} is true: set {CountersRootSettings.StorageKey} to {StorageMode.PostgreSql} too " +
                "(Kubernetes hosting watches pods, membership stays in PostgreSQL).");
        }

        return this;
    }
}
