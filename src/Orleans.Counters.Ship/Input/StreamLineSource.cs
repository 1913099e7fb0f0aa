namespace Orleans.Counters.Ship.Input;

/// <summary>
/// Lines from a stream that ends, such as standard input: Apache's piped log
/// (<c>CustomLog "|counters-ship …"</c>) or a file redirected in. While the consumer is slow this
/// source does not read, so the writer at the other end of the pipe blocks: that is the back-pressure.
/// </summary>
public sealed class StreamLineSource(Stream stream, string description) : ILineSource
{
    /// <summary>
    /// After a stop signal, how long to wait for more input before giving up on the end of the stream.
    /// Apache sends its piped loggers SIGTERM as it stops and closes the pipe right after: the lines
    /// still in the pipe are read, then the end comes; a writer that keeps the pipe open is not waited for.
    /// </summary>
    public static readonly TimeSpan StopIdle = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public string Description => description;

    /// <summary>Standard input.</summary>
    public static StreamLineSource StandardInput() => new(Console.OpenStandardInput(), "standard input");

    /// <inheritdoc />
    public async Task ReadAsync(Func<SourceLine, ValueTask> onLine, CancellationToken stopping, CancellationToken abort)
    {
        var buffer = new byte[64 * 1024];
        var splitter = new LineSplitter();
        var lines = new List<SplitLine>();
        // Ids are the run's epoch and the line's offset in the input: stable across retries, not across runs.
        var epoch = LineIds.NewEpoch();
        while (true)
        {
            // Console streams do not honour cancellation once a read has started: a read still waiting at
            // the end is left behind (the process is about to exit) rather than awaited.
            var read = stream.ReadAsync(buffer, abort).AsTask();
            if (!await CompletesAsync(read, stopping, abort))
            {
                return;
            }

            var count = await read;
            if (count == 0)
            {
                if (splitter.Flush() is { } last)
                {
                    await onLine(new SourceLine(last.Text, LineIds.For(epoch, last.Start)));
                }

                return;
            }

            splitter.Append(buffer.AsSpan(0, count), lines);
            foreach (var line in lines)
            {
                await onLine(new SourceLine(line.Text, LineIds.For(epoch, line.Start)));
            }

            lines.Clear();
        }
    }

    /// <summary>Waits for a read; once stopping, at most <see cref="StopIdle"/> more. False when it did not complete; throws once aborted.</summary>
    private static async Task<bool> CompletesAsync(Task<int> read, CancellationToken stopping, CancellationToken abort)
    {
        if (!stopping.IsCancellationRequested)
        {
            // Abort too: when the sender gives up (the gateway refused the key) the read must not hold the run.
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, abort);
            try
            {
                await read.WaitAsync(either.Token);
                return true;
            }
            catch (OperationCanceledException) when (either.IsCancellationRequested)
            {
            }
        }

        await Task.WhenAny(read, Task.Delay(StopIdle, abort));
        abort.ThrowIfCancellationRequested();
        return read.IsCompleted;
    }
}
