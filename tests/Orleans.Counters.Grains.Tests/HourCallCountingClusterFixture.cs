using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A cluster that counts the calls that apply messages to hour counters, in both silos. Its pulling agents deliver
/// up to <see cref="CounterStreams.DeliveryBatchSize"/> messages at once, as the durable mode's do.
/// </summary>
public sealed class HourCallCountingClusterFixture : ClusterFixture
{
    private int _applyCalls;

    /// <summary>How many calls to <see cref="IHourCountersGrain.ApplyAsync"/> and <see cref="IHourCountersGrain.ApplyAllAsync"/> the hours took.</summary>
    public int ApplyCalls => Volatile.Read(ref _applyCalls);

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.Configure<StreamPullingAgentOptions>(CounterStreams.ProviderName, o => o.BatchContainerBatchSize = CounterStreams.DeliveryBatchSize);
        silo.AddIncomingGrainCallFilter(context =>
        {
            if (context.Grain is IHourCountersGrain && context.InterfaceMethod.Name is nameof(IHourCountersGrain.ApplyAsync) or nameof(IHourCountersGrain.ApplyAllAsync))
            {
                Interlocked.Increment(ref _applyCalls);
            }

            return context.Invoke();
        });
    }
}
