using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Hosting;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A cluster whose counter storage can hold one grain's writes until told to let them through.</summary>
public sealed class HeldWritesClusterFixture : ClusterFixture
{
    private const string InnerStorage = "held-writes-inner";

    /// <summary>Holds and releases writes; shared by both silos.</summary>
    public WriteGate Gate { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddCounterMemoryStorage(InnerStorage);
        silo.Services.AddKeyedSingleton<IGrainStorage>(CounterStorage.Name, (services, _) =>
            new HeldWriteStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage), Gate));
    }

    /// <summary>Which grain's writes wait, and for what.</summary>
    public sealed class WriteGate
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _heldKey;

        /// <summary>Completes when a held write has begun.</summary>
        public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Holds every write of the grain with this key until <see cref="Release"/>.</summary>
        public void Hold(string grainKey) => _heldKey = grainKey;

        /// <summary>Lets the held writes through.</summary>
        public void Release() => _released.TrySetResult();

        internal Task BeforeWriteAsync(GrainId grainId)
        {
            if (_heldKey is null || grainId.Key.ToString() != _heldKey)
            {
                return Task.CompletedTask;
            }

            WriteStarted.TrySetResult();
            return _released.Task;
        }
    }

    private sealed class HeldWriteStorage(IGrainStorage inner, WriteGate gate) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await gate.BeforeWriteAsync(grainId);
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
