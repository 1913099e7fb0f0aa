using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Fencing;
using Orleans.Placement;

namespace Orleans.Counters.Grains.Admission;

/// <summary>
/// One year of one account: the URL, referrer and property value series it admitted (see <see cref="YearSeriesCap"/>),
/// written before it answers whenever it admits a new one; a refusal writes nothing. Admitted series only
/// add up, so a second activation of it (docs/exactly-once.md item 10) is made harmless by union, as the
/// account's type catalog is (<see cref="GrowOnlyRecord{TState}"/>). A union of what two activations
/// admitted may hold a few series more than the cap, and while both answer, a series one refused and the
/// other admitted counts in <c>(other)</c> in some hours and under its name in others: each event is still
/// counted once, in one series, so every total stays exact.
/// </summary>
// Never migrated, like the counters that call it (Orleans 10.4 moves an activation with queued requests at
// shutdown, and the stop waits for the target): it writes before it answers, so a new activation reads all.
[Immovable]
public sealed class SeriesAdmissionGrain(
    [PersistentState("admission", CounterStorage.Name)] IPersistentState<SeriesAdmissionState> state,
    ClusterDisturbances disturbances,
    TimeProvider clock,
    IOptions<CounterOptions> options)
    : Grain, ISeriesAdmissionGrain
{
    private readonly GrowOnlyRecord<SeriesAdmissionState> _record = new(
        state,
        new StateCheckSchedule(disturbances, clock, options.Value),
        static (stored, held) =>
        {
            stored.Urls.UnionWith(held.Urls);
            stored.Referrers.UnionWith(held.Referrers);
            stored.PropertyValues.UnionWith(held.PropertyValues);
        });

    private readonly YearSeriesCap _cap = new(options.Value.MaxUrlsPerYear, options.Value.MaxReferrersPerYear, options.Value.MaxPropertyValuesPerYear);

    /// <inheritdoc />
    public async Task<ImmutableArray<bool>> AdmitAsync(ImmutableArray<SeriesId> series)
    {
        await _record.TakeStoredWhenDueAsync();
        return await _record.MergingOnConflictAsync(() => AdmitOnceAsync(series));
    }

    private async Task<ImmutableArray<bool>> AdmitOnceAsync(ImmutableArray<SeriesId> series)
    {
        var held = state.State;
        var (admitted, next) = _cap.Admit(held, series);
        if (next is not null)
        {
            state.State = next;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // An answer must never rest on a series that a failed write left unstored.
                state.State = held;
                throw;
            }
        }

        return admitted;
    }
}
