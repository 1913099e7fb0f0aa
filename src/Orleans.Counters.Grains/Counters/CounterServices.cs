using Orleans.Counters.Grains.Fencing;
using Orleans.Counters.Grains.Operations;

namespace Orleans.Counters.Grains.Counters;

/// <summary>The silo's services every counter grain is built with, besides its state: one parameter instead of four.</summary>
/// <param name="options">The counters' settings.</param>
/// <param name="clock">The clock versions, write delays and state checks read.</param>
/// <param name="disturbances">What this silo saw that can leave a grain activated twice.</param>
/// <param name="metrics">The silo's instruments.</param>
public sealed class CounterServices(IOptions<CounterOptions> options, TimeProvider clock, ClusterDisturbances disturbances, GrainMetrics metrics)
{
    /// <summary>The counters' settings.</summary>
    public CounterOptions Options => options.Value;

    /// <summary>The clock versions, write delays and state checks read.</summary>
    public TimeProvider Clock => clock;

    /// <summary>What this silo saw that can leave a grain activated twice.</summary>
    public ClusterDisturbances Disturbances => disturbances;

    /// <summary>The silo's instruments.</summary>
    public GrainMetrics Metrics => metrics;

    /// <summary>
    /// A new activation's schedule of checks against storage. Made when the grain is constructed, before
    /// its state is read, so that a disturbance seen while it is read calls for a check before the first answer.
    /// </summary>
    public StateCheckSchedule NewStateChecks() => new(disturbances, clock, options.Value);
}
