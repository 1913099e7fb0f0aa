namespace Orleans.Counters.Ship.Input;

/// <summary>
/// Follows a log file by polling, like <c>tail -F</c>: reads what is appended; when the file is
/// rotated (renamed or deleted, and a new one created at the path) it finishes the old file and reads
/// the new one from its start; when it is truncated it reads it again from the start. Lines written
/// to the old file after the new one was taken up are not read. A file that does not exist yet is
/// waited for and read from its start.
/// </summary>
/// <param name="path">The file to follow.</param>
/// <param name="fromStart">Read the lines already in the file at start-up; otherwise only those appended later.</param>
/// <param name="pollInterval">How often to look for new lines and rotation.</param>
/// <param name="log">Where rotations are reported.</param>
public sealed class FileTailer(string path, bool fromStart, TimeSpan pollInterval, Shipping.ShipLog log) : ILineSource
{
    /// <inheritdoc />
    public string Description => path;

    /// <inheritdoc />
    public async Task ReadAsync(Func<string, ValueTask> onLine, CancellationToken stopping, CancellationToken abort)
    {
        var file = FollowedFile.TryOpen(path, fromStart);
        if (file is null)
        {
            log.WaitingForFile(path);
        }
        else if (!fromStart)
        {
            log.FollowingFrom(path, file.Position);
        }

        try
        {
            while (true)
            {
                abort.ThrowIfCancellationRequested();
                if (file is null)
                {
                    file = FollowedFile.TryOpen(path, fromStart: true);
                    if (file is not null)
                    {
                        continue;
                    }
                }
                else if (await file.ReadToEndAsync(onLine) is var outcome && outcome != ReadOutcome.Nothing)
                {
                    if (outcome == ReadOutcome.Truncated)
                    {
                        log.Truncated(path);
                    }

                    continue;
                }
                else
                {
                    var (next, changed) = await FollowChangeAsync(file, onLine);
                    file = next;
                    if (changed && file is not null)
                    {
                        // A new or truncated file: read it before pausing.
                        continue;
                    }
                }

                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                await PauseAsync(stopping, abort);
            }
        }
        finally
        {
            file?.Dispose();
        }
    }

    /// <summary>
    /// At the end of the file: the file to read on (the same one, the one that replaced it, or null
    /// while there is none) and whether reading starts over.
    /// </summary>
    private async Task<(FollowedFile? File, bool Changed)> FollowChangeAsync(FollowedFile file, Func<string, ValueTask> onLine)
    {
        switch (file.Check(path))
        {
            case FileChange.Truncated:
                log.Truncated(path);
                file.Restart();
                return (file, true);
            case FileChange.Replaced:
                // Lines the writer appended to the old file just before it moved on.
                await file.ReadToEndAsync(onLine);
                if (file.TakeLastLine() is { } last)
                {
                    await onLine(last);
                }

                file.Dispose();
                log.Rotated(path);
                return (FollowedFile.TryOpen(path, fromStart: true), true);
            default:
                return (file, false);
        }
    }

    private async Task PauseAsync(CancellationToken stopping, CancellationToken abort)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, abort);
        try
        {
            await Task.Delay(pollInterval, either.Token);
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
        }
    }
}
