namespace Orleans.Counters.Ship.Tests;

/// <summary>Lines from a list, handed on one by one as the shipper takes them; optionally never ends until told to stop.</summary>
internal sealed class ListLineSource(IEnumerable<string> lines, bool endless = false) : ILineSource
{
    private int _taken;

    /// <summary>How many lines the shipper has taken so far.</summary>
    public int Taken => Volatile.Read(ref _taken);

    public string Description => "a list";

    public async Task ReadAsync(Func<SourceLine, ValueTask> onLine, CancellationToken stopping, CancellationToken abort)
    {
        foreach (var line in lines)
        {
            await onLine(new SourceLine(line, $"list-{_taken}"));
            Interlocked.Increment(ref _taken);
        }

        if (endless)
        {
            await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
