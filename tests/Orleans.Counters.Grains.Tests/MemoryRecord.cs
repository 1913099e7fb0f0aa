using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// One grain's record kept in memory with ETags the way a storage provider keeps it, for testing a
/// counter's parts without a cluster: each activation is a <see cref="View"/> of it, and a write that
/// does not carry the record's current ETag is refused. Writes can be held, or made to fail.
/// </summary>
internal sealed class MemoryRecord<TState>(DeepCopier<TState> copier)
    where TState : class, new()
{
    private readonly DeepCopier<TState> _copier = copier;
    private int _etag;
    private TState? _stored;
    private TaskCompletionSource? _held;

    /// <summary>Every snapshot written, in the order they were stored.</summary>
    public List<TState> Written { get; } = [];

    /// <summary>Writes started and not finished.</summary>
    public int WritesInFlight { get; private set; }

    /// <summary>Completed when a held write has started.</summary>
    public TaskCompletionSource WriteStarted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The exception the next writes throw; null when they succeed.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Holds writes until <see cref="Release"/>.</summary>
    public void Hold()
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        WriteStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets held writes go on.</summary>
    public void Release() => _held?.TrySetResult();

    /// <summary>An activation's view of the record, read as an activation reads it first.</summary>
    public View Activate()
    {
        var view = new View(this);
        view.Load();
        return view;
    }

    /// <summary>What another activation does: writes the record under a new ETag.</summary>
    public void WriteFromElsewhere(TState state)
    {
        _stored = _copier.Copy(state);
        _etag++;
    }

    /// <summary>One activation's <see cref="IPersistentState{TState}"/> of the record.</summary>
    internal sealed class View(MemoryRecord<TState> record) : IPersistentState<TState>
    {
        public TState State { get; set; } = new();

        public string? Etag { get; private set; }

        public bool RecordExists { get; private set; }

        public Task ClearStateAsync() => throw new NotSupportedException();

        public Task ReadStateAsync()
        {
            Load();
            return Task.CompletedTask;
        }

        public async Task WriteStateAsync()
        {
            var snapshot = State;
            record.WritesInFlight++;
            try
            {
                if (record._held is { } held)
                {
                    record.WriteStarted.TrySetResult();
                    await held.Task;
                }

                if (record.Failure is { } failure)
                {
                    throw failure;
                }

                var current = record._stored is null ? null : record._etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (current != Etag)
                {
                    throw new InconsistentStateException("The record moved on.", current, Etag);
                }

                record._stored = record._copier.Copy(snapshot);
                record._etag++;
                record.Written.Add(record._stored);
                Etag = record._etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
                RecordExists = true;
            }
            finally
            {
                record.WritesInFlight--;
            }
        }

        internal void Load()
        {
            RecordExists = record._stored is not null;
            State = record._stored is null ? new TState() : record._copier.Copy(record._stored);
            Etag = record._stored is null ? null : record._etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
