using Orleans.Hosting;
using Orleans.Runtime;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A cluster whose counter storage can hold one grain's writes until told to let them through.</summary>
public sealed class HeldWritesClusterFixture : ClusterFixture
{
    /// <summary>Holds and releases writes; shared by both silos.</summary>
    public WriteGate Gate { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo) => HookedWriteStorage.AddTo(silo, Gate.BeforeWriteAsync);

    /// <summary>Which grain's writes wait, and for what.</summary>
    public sealed class WriteGate
    {
        private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _heldKey;

        /// <summary>Completes when a held write has begun.</summary>
        public TaskCompletionSource WriteStarted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Holds every write of the grain with this key until <see cref="Release"/>; a new hold after a release holds again.</summary>
        public void Hold(string grainKey)
        {
            if (_released.Task.IsCompleted)
            {
                _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
                WriteStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _heldKey = grainKey;
        }

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
}
