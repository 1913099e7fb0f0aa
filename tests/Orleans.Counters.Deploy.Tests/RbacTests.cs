using System.Reflection;
using k8s;
using Orleans.Counters.Hosting.Kubernetes;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>The silos' service account may do with pods what Orleans' Kubernetes hosting does.</summary>
public sealed class RbacTests
{
    [Fact]
    public void TheSilosRole_GrantsWhatOrleansKubernetesHostingCalls()
    {
        var verbs = PodVerbs(Assert.Single(Manifests.All.OfType<V1Role>()));

        Assert.Superset(new SortedSet<string>(OrleansPodVerbs()), verbs);
        var options = new KubernetesHostingOptions();
        Role.Silo.Configuration.GetSection(KubernetesSettings.Section).Bind(options);
        if (options.DeleteDefunctSiloPods)
        {
            // It then deletes the pod of a silo the cluster declared dead.
            Assert.Contains("delete", verbs);
        }
    }

    [Fact]
    public void TheSiloPods_RunAsTheServiceAccount_TheRoleIsBoundTo()
    {
        var account = Assert.Single(Manifests.All.OfType<V1ServiceAccount>());
        var role = Assert.Single(Manifests.All.OfType<V1Role>());
        var binding = Assert.Single(Manifests.All.OfType<V1RoleBinding>());
        var siloPods = Manifests.All.Silo.Spec.Template.Spec;

        Assert.Equal(account.Metadata.Name, siloPods.ServiceAccountName);
        Assert.NotEqual(false, siloPods.AutomountServiceAccountToken);
        Assert.Equal(("Role", role.Metadata.Name), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", account.Metadata.Name), (subject.Kind, subject.Name));
        // No namespace: the binding's own, wherever the manifests are applied.
        Assert.Null(subject.NamespaceProperty);
    }

    /// <summary>The verbs of Orleans' own example Role, which its agent logs when the API refuses it.</summary>
    private static IEnumerable<string> OrleansPodVerbs()
    {
        var example = typeof(KubernetesClusterAgent).GetField("ExampleRoleBinding", BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue() as string;
        Assert.True(example is not null, "KubernetesClusterAgent.ExampleRoleBinding is gone: read Orleans' Kubernetes hosting again for the pod verbs it needs.");
        var role = KubernetesYaml.LoadAllFromString(example).OfType<V1Role>().Single();
        var verbs = PodVerbs(role);
        Assert.Superset(new SortedSet<string> { "get", "list", "watch" }, verbs);
        return verbs;
    }

    private static SortedSet<string> PodVerbs(V1Role role) =>
        [.. role.Rules.Where(rule => rule.ApiGroups.Contains("") && rule.Resources.Contains("pods")).SelectMany(rule => rule.Verbs)];
}
