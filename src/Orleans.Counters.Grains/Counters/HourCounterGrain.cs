using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>An hour of a series: per-minute counts, applied once per stream message.</summary>
public sealed partial class HourCounterGrain(
    [PersistentState("hour", CounterStorage.Name)] IPersistentState<HourCounterState> state,
    DeepCopier<HourCounterState> copier,
    IOptions<CounterOptions> options,
    TimeProvider clock,
    ILogger<HourCounterGrain> logger)
    : CounterGrain<HourCounterState>(state, copier, options, clock, logger), IHourCounterGrain
{
    /// <inheritdoc />
    public Task<bool> ApplyAsync(HourIncrement increment)
    {
        if (State.Applied.TryGetValue(increment.Source, out var last) && increment.Position <= last)
        {
            LogReplayIgnored(increment.Source, increment.Position, last);
            return Task.FromResult(false);
        }

        foreach (var (minute, count) in increment.Minutes)
        {
            AddToSegment(minute, count);
        }

        State.Applied[increment.Source] = increment.Position;
        MarkChanged();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<StreamPosition?> GetPersistedPositionAsync(string source) =>
        Task.FromResult(PersistedState.Applied.TryGetValue(source, out var position) ? position : (StreamPosition?)null);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored message {Position} from {Source}: already applied up to {Last}")]
    private partial void LogReplayIgnored(string source, StreamPosition position, StreamPosition last);
}
