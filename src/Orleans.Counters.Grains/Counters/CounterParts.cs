using Orleans.Counters.Grains.Fencing;
using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// The parts an hour or rollup counter activation is made of, put together in one place: its record
/// (<see cref="CounterStore{TState}"/>), its reports to the parent (<see cref="ParentReporter"/>), its
/// reads (<see cref="CounterReads"/>) and when it reports and writes (<see cref="CounterFlush{TState}"/>).
/// </summary>
public sealed class CounterParts<TState>
    where TState : CountersState
{
    private CounterParts(CounterGroup group, CounterStore<TState> store, ParentReporter reporter, CounterReads reads, CounterFlush<TState> flush)
    {
        Group = group;
        Store = store;
        Reporter = reporter;
        Reads = reads;
        Flush = flush;
    }

    /// <summary>The account shard and period counted.</summary>
    public CounterGroup Group { get; }

    /// <summary>The record, written behind, and the live state.</summary>
    public CounterStore<TState> Store { get; }

    /// <summary>The reports to the parent period.</summary>
    public ParentReporter Reporter { get; }

    /// <summary>The reads of the live state.</summary>
    public CounterReads Reads { get; }

    /// <summary>The flush timer and the hand-over on deactivation.</summary>
    public CounterFlush<TState> Flush { get; }

    /// <summary>The live state; what storage holds is a snapshot of it, at most a persist interval old.</summary>
    public TState State => Store.Live;

    /// <summary>
    /// Puts an activation's parts together, once its state is read (in <c>OnActivateAsync</c>), and counts
    /// it; a report its record says was unfinished is finished.
    /// </summary>
    /// <param name="grain">The counter grain.</param>
    /// <param name="grains">Reaches the parent period.</param>
    /// <param name="record">The grain's persistent state, read.</param>
    /// <param name="copier">Copies the live state into the snapshots written.</param>
    /// <param name="checks">The activation's checks against storage, made when the grain was constructed (<see cref="CounterServices.NewStateChecks"/>).</param>
    /// <param name="services">The silo's services.</param>
    /// <param name="logger">The grain's logger.</param>
    /// <param name="persisted">Called once a snapshot is written, with that snapshot.</param>
    public static CounterParts<TState> Activate(
        Grain grain,
        IGrainFactory grains,
        IPersistentState<TState> record,
        DeepCopier<TState> copier,
        StateCheckSchedule checks,
        CounterServices services,
        ILogger logger,
        Action<TState> persisted)
    {
        var key = grain.GetPrimaryKeyString();
        var group = CounterGroup.Parse(key);
        CounterFlush<TState>? flush = null;
        var store = new CounterStore<TState>(
            record,
            copier,
            checks,
            services.Disturbances,
            services.Clock,
            persisted,
            detectedBy => flush!.Fenced(detectedBy),
            logger,
            key);
        var reporter = new ParentReporter(
            group, () => store.Live, (parent, report) => grains.GetRollupCounters(parent).ReportAsync(report), services.Clock, logger, key);
        var reads = new CounterReads(group.Period, () => store.Live, store.CheckAsync);
        flush = new CounterFlush<TState>(grain, group, store, reporter, services.Options, services.Metrics, logger, key);
        flush.Activated();
        return new CounterParts<TState>(group, store, reporter, reads, flush);
    }
}
