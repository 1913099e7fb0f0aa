namespace Orleans.Counters.Ship.Input;

/// <summary>Where log lines come from: standard input or a followed file.</summary>
public interface ILineSource
{
    /// <summary>What the source reads, for messages.</summary>
    string Description { get; }

    /// <summary>
    /// Hands each line (without its line break, with its event id) to <paramref name="onLine"/>, waiting for it before
    /// reading on: a slow consumer slows the reading. Returns at the end of the input; once
    /// <paramref name="stopping"/> is signalled, returns as soon as what is already there has been read.
    /// </summary>
    /// <param name="onLine">Takes one line.</param>
    /// <param name="stopping">Asks the source to finish with what it has.</param>
    /// <param name="abort">Ends reading at once.</param>
    Task ReadAsync(Func<SourceLine, ValueTask> onLine, CancellationToken stopping, CancellationToken abort);
}
