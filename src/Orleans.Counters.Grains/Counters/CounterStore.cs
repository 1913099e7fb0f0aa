using Orleans.Counters.Grains.Fencing;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// A counter's record, written behind: the grain changes <see cref="Live"/> and calls
/// <see cref="MarkDirty"/>; a write stores a snapshot of it, so counting goes on while a write waits
/// for the database. Writes and checks run one at a time (<see cref="StorageTurns"/>), each carrying
/// the ETag of the record last read or written, so the record has one line of history.
/// <para>
/// Fenced (docs/exactly-once.md item 10): when storage moved past this activation (its write is
/// refused, or <see cref="CheckAsync"/> finds another ETag), another activation wrote. This one then
/// holds what storage holds, writes nothing more, and tells <paramref name="fenced"/> what found it.
/// </para>
/// </summary>
/// <param name="record">The grain's persistent state.</param>
/// <param name="copier">Copies the live state into the snapshot a write stores.</param>
/// <param name="checks">When a check against storage is due; told of each write and check.</param>
/// <param name="disturbances">Told of each failed write, after which duplicates are looked for more often.</param>
/// <param name="clock">Dates the first unwritten change.</param>
/// <param name="persisted">Called once a snapshot is written, with that snapshot; nothing else refers to it afterwards.</param>
/// <param name="fenced">Called once, when this activation is found stale: <c>write</c> or <c>read</c>.</param>
/// <param name="logger">Logs checks that failed.</param>
/// <param name="key">The grain's key, for the log.</param>
public sealed partial class CounterStore<TState>(
    IPersistentState<TState> record,
    DeepCopier<TState> copier,
    StateCheckSchedule checks,
    ClusterDisturbances disturbances,
    TimeProvider clock,
    Action<TState> persisted,
    Action<string> fenced,
    ILogger logger,
    string key)
    where TState : CountersState
{
    private readonly StorageTurns _turns = new();
    private DateTime? _dirtySince;
    private TState _live = record.State;

    /// <summary>The live state; what storage holds is a snapshot of it, at most a persist interval old.</summary>
    public TState Live => _live;

    /// <summary>True when storage holds an unclean snapshot: written while active, or left by an activation that died.</summary>
    public bool IsStoredUnclean { get; private set; } = record.RecordExists && !record.State.Clean;

    /// <summary>True while a change is not written yet.</summary>
    public bool IsDirty => _dirtySince is not null;

    /// <summary>True once this activation found that another one wrote its record: it writes nothing more.</summary>
    public bool IsFenced { get; private set; }

    /// <summary>Records that the live state changed; the write it calls for is due <see cref="IsWriteDue"/> after the first such change.</summary>
    public void MarkDirty() => _dirtySince ??= clock.GetUtcNow().UtcDateTime;

    /// <summary>True when a change waited unwritten for <paramref name="interval"/> or longer.</summary>
    public bool IsWriteDue(TimeSpan interval) => _dirtySince is { } since && clock.GetUtcNow().UtcDateTime - since >= interval;

    /// <summary>
    /// Writes a snapshot of the live state, marked <paramref name="clean"/> (only a normal deactivation's
    /// last write is). Changes made while it is on its way wait for the next write. Nothing is written once fenced.
    /// </summary>
    public Task WriteAsync(CancellationToken cancellationToken, bool clean = false) => _turns.RunAsync(async () =>
    {
        if (IsFenced)
        {
            return;
        }

        var since = _dirtySince;
        _dirtySince = null;
        var snapshot = copier.Copy(_live);
        snapshot.Clean = clean;
        record.State = snapshot;
        var epoch = checks.CurrentEpoch;
        try
        {
            await record.WriteStateAsync(cancellationToken);
            checks.Checked(epoch);
            IsStoredUnclean = !clean;
            persisted(snapshot);
        }
        catch (InconsistentStateException)
        {
            // Storage moved past this activation: another one wrote. Its changes since the last write are
            // not in storage, and writing over them would lose the other's. Until it is gone, it answers
            // reads from what storage holds.
            Fence("write");
            await TakeStoredStateAsync();
        }
        catch
        {
            _dirtySince = since;
            disturbances.Record();
            throw;
        }
        finally
        {
            // Storage needs the snapshot only while writing it; keeping it would double the memory.
            record.State = _live;
        }
    });

    /// <summary>
    /// Writes the state now, marked unclean, unless storage holds an unclean record already: a crash
    /// from here on must leave a record that tells the next activation to recover (a clean one, left by
    /// a normal deactivation, would not).
    /// </summary>
    public async Task EnsureStoredUncleanAsync()
    {
        if (!IsStoredUnclean)
        {
            await WriteAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Compares this activation's state with storage when <see cref="StateCheckSchedule"/> says so.
    /// When another activation has written since this one last read or wrote, this one is stale: it
    /// takes what storage holds to answer from, and is fenced. Once fenced, it waits for the storage
    /// operation on its way, which may be the one still taking what storage holds: reads interleave with it.
    /// </summary>
    public async Task CheckAsync()
    {
        if (!IsFenced && !checks.IsDue)
        {
            return;
        }

        await _turns.RunAsync(async () =>
        {
            if (IsFenced || !checks.IsDue)
            {
                return;
            }

            var epoch = checks.CurrentEpoch;
            var etag = record.Etag;
            try
            {
                await record.ReadStateAsync();
                checks.Checked(epoch);
                if (record.Etag != etag)
                {
                    _live = record.State;
                    Fence("read");
                }
            }
            catch (Exception exception)
            {
                // Cannot tell: answer from this activation's state, and check again after the interval (not
                // on every read: while the database is down each check would fail the same way).
                checks.Checked(epoch);
                LogStateCheckFailed(logger, exception, key);
            }
            finally
            {
                record.State = _live;
            }
        });
    }

    private async Task TakeStoredStateAsync()
    {
        try
        {
            await record.ReadStateAsync();
            _live = record.State;
        }
        catch (Exception exception)
        {
            LogStateCheckFailed(logger, exception, key);
        }
    }

    private void Fence(string detectedBy)
    {
        if (IsFenced)
        {
            return;
        }

        IsFenced = true;
        _dirtySince = null;
        fenced(detectedBy);
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "{Key}: could not compare its state with storage; answering from its own")]
    private static partial void LogStateCheckFailed(ILogger logger, Exception exception, string key);
}
