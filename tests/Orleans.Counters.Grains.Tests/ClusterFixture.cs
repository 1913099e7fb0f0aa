using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A two-silo in-process cluster with memory storage and the events stream, as the default mode runs it.</summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster's client.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCounterGrainServices(new ConfigurationBuilder().Build())
                .AddCounterMemoryStorage()
                .AddCounterStreams()
                .ConfigureServices(ConfigureSiloServices);
            ConfigureSilo(silo);
        });
        builder.ConfigureClient(client => client.AddCounterStreams());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Lets a derived fixture add to the silos' configuration, after everything else.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>Lets a derived fixture change the silos' services.</summary>
    protected virtual void ConfigureSiloServices(IServiceCollection services)
    {
    }
}
