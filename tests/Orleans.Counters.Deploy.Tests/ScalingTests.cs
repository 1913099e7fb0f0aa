namespace Orleans.Counters.Deploy.Tests;

/// <summary>The HorizontalPodAutoscaler scales the silos; the PodDisruptionBudgets each cover one Deployment.</summary>
public sealed class ScalingTests
{
    [Fact]
    public void TheAutoscaler_ScalesTheSiloDeployment_ByCpu()
    {
        var autoscaler = Assert.Single(Manifests.All.OfType<V2HorizontalPodAutoscaler>());
        var target = autoscaler.Spec.ScaleTargetRef;
        var silo = Manifests.All.Silo;

        Assert.Equal(("apps/v1", "Deployment", silo.Metadata.Name), (target.ApiVersion, target.Kind, target.Name));
        Assert.True(autoscaler.Spec.MinReplicas >= 2, "fewer than two silos: one pod's loss stops counting");
        Assert.True(autoscaler.Spec.MaxReplicas > autoscaler.Spec.MinReplicas);
        var cpu = Assert.Single(autoscaler.Spec.Metrics).Resource;
        Assert.Equal("cpu", cpu.Name);
        // Utilization is measured against the request.
        Assert.Contains("cpu", Assert.Single(silo.Spec.Template.Spec.Containers).Resources.Requests.Keys);
    }

    [Fact]
    public void EachDisruptionBudget_CoversExactlyOneDeployment_AndEveryDeploymentHasOne()
    {
        var budgets = Manifests.All.OfType<V1PodDisruptionBudget>();
        var covered = budgets.Select(budget => Assert.Single(
            Manifests.All.Deployments,
            deployment => Selectors.Matches(budget.Spec.Selector, deployment.Spec.Template.Metadata.Labels)));

        Assert.Equal(
            Manifests.All.Deployments.Select(d => d.Metadata.Name).Order(),
            covered.Select(d => d.Metadata.Name).Order());
    }

    [Fact]
    public void TheGatewaysBudget_LeavesRoomForADrain()
    {
        var gateway = Manifests.All.Gateway;
        var budget = Manifests.All.OfType<V1PodDisruptionBudget>().Single(b => Selectors.Matches(b.Spec.Selector, gateway.Spec.Template.Metadata.Labels));

        Assert.True(int.Parse(budget.Spec.MinAvailable.Value) < gateway.Spec.Replicas, "minAvailable equal to the replicas blocks every node drain");
    }
}
