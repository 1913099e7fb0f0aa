using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Hosting;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// The counter storage of a test cluster, in memory, with a hook the test controls run before each write:
/// the hook can hold a write (its task not complete yet) or fail it (a faulted task).
/// </summary>
internal sealed class HookedWriteStorage(IGrainStorage inner, Func<GrainId, Task> beforeWrite) : IGrainStorage
{
    private const string InnerStorage = "hooked-writes-inner";

    /// <summary>Makes the silo's counter storage a memory storage whose writes first await <paramref name="beforeWrite"/>.</summary>
    public static void AddTo(ISiloBuilder silo, Func<GrainId, Task> beforeWrite)
    {
        silo.AddCounterMemoryStorage(InnerStorage);
        silo.Services.AddKeyedSingleton<IGrainStorage>(CounterStorage.Name, (services, _) =>
            new HookedWriteStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage), beforeWrite));
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await beforeWrite(grainId);
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
