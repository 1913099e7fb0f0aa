using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Reads and writes a grain's record in the counters' storage directly, as another activation or a crash would leave it.</summary>
internal static class StoredStates
{
    /// <summary>The record as storage holds it.</summary>
    public static async Task<GrainState<TState>> ReadAsync<TState>(InProcessTestCluster cluster, GrainId grainId, string stateName)
        where TState : new()
    {
        var stored = new GrainState<TState>(new TState());
        await Storage(cluster).ReadStateAsync(stateName, grainId, stored);
        return stored;
    }

    /// <summary>Changes the record and writes it back under a new ETag.</summary>
    public static async Task OverwriteAsync<TState>(InProcessTestCluster cluster, GrainId grainId, string stateName, Action<TState> change, bool mustExist = true)
        where TState : new()
    {
        var stored = await ReadAsync<TState>(cluster, grainId, stateName);
        Assert.Equal(mustExist, stored.RecordExists);
        change(stored.State!);
        await Storage(cluster).WriteStateAsync(stateName, grainId, stored);
    }

    private static IGrainStorage Storage(InProcessTestCluster cluster) =>
        cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(CounterStorage.Name);
}
