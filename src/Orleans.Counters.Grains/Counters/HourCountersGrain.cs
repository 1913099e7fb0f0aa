using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>An hour of one account shard: per-minute counts of each series, applied once per stream message.</summary>
public sealed partial class HourCountersGrain(
    [PersistentState("hour", CounterStorage.Name)] IPersistentState<HourCountersState> state,
    DeepCopier<HourCountersState> copier,
    IOptions<CounterOptions> options,
    TimeProvider clock,
    ILogger<HourCountersGrain> logger)
    : CountersGrain<HourCountersState>(state, copier, options, clock, logger), IHourCountersGrain
{
    // What storage is known to hold: read at activation or written since. A snapshot still being
    // written is not in it, so nothing may be acknowledged on the strength of a write in flight.
    private Dictionary<string, StreamPosition> _persisted = [];

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _persisted = new Dictionary<string, StreamPosition>(State.Applied);
    }

    /// <inheritdoc />
    public Task<bool> ApplyAsync(GroupIncrement increment)
    {
        if (State.Applied.TryGetValue(increment.Source, out var last) && increment.Position <= last)
        {
            LogReplayIgnored(increment.Source, increment.Position, last);
            return Task.FromResult(false);
        }

        var minutes = (uint)Group.Period.SegmentCount;
        if (increment.Series.Any(series =>
            series.Minutes.Any(m => (uint)m.Minute >= minutes) || series.Bots.Any(m => (uint)m.Minute >= minutes) || series.Sums.Any(m => (uint)m.Minute >= minutes)))
        {
            throw new ArgumentOutOfRangeException(nameof(increment), "Minutes run from 0 to 59.");
        }

        foreach (var series in increment.Series)
        {
            Add(series);
            Changed(series.Series);
        }

        State.Applied[increment.Source] = increment.Position;
        MarkChanged();
        return Task.FromResult(true);
    }

    private void Add(SeriesMinutes added)
    {
        var counts = CountsOf(added.Series);
        foreach (var (minute, count) in added.Minutes)
        {
            counts[minute] += count;
        }

        if (added.Bots.IsEmpty && added.Users.IsEmpty && added.Sums.IsEmpty)
        {
            return;
        }

        var extras = ExtrasOf(added.Series);
        if (!added.Bots.IsEmpty)
        {
            var bots = extras.BotsToChange(counts.Length);
            foreach (var (minute, count) in added.Bots)
            {
                bots[minute] += count;
            }
        }

        if (!added.Users.IsEmpty)
        {
            var users = extras.UsersToChange();
            foreach (var hash in added.Users)
            {
                users.AddHash(hash);
            }
        }

        if (!added.Sums.IsEmpty)
        {
            var sums = extras.SumsToChange(counts.Length);
            foreach (var (minute, sum) in added.Sums)
            {
                sums[minute] += sum;
            }
        }
    }

    /// <inheritdoc />
    public Task<StreamPosition?> GetPersistedPositionAsync(string source) =>
        Task.FromResult(_persisted.TryGetValue(source, out var position) ? position : (StreamPosition?)null);

    /// <inheritdoc />
    protected override void OnPersisted(HourCountersState snapshot) => _persisted = snapshot.Applied;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored message {Position} from {Source}: already applied up to {Last}")]
    private partial void LogReplayIgnored(string source, StreamPosition position, StreamPosition last);
}
