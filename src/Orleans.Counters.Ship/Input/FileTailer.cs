namespace Orleans.Counters.Ship.Input;

/// <summary>
/// Follows a log file by polling, like <c>tail -F</c>: reads what is appended; when the file is
/// rotated (renamed or deleted, and a new one created at the path) it finishes the old file and reads
/// the new one from its start; when it is truncated it reads it again from the start. Lines written
/// to the old file after the new one was taken up are not read. A file that does not exist yet is
/// waited for and read from its start. With a saved position (<c>--position-file</c>) reading goes
/// on from it: in the same file, or, when the file was rotated while the tool was stopped, in the
/// rotated file found by its identity next to the path, before the new file is read from its start.
/// </summary>
/// <param name="path">The file to follow.</param>
/// <param name="fromStart">Read the lines already in the file at start-up; otherwise only those appended later.</param>
/// <param name="saved">Where an earlier run got to; when given, <paramref name="fromStart"/> is not used.</param>
/// <param name="pollInterval">How often to look for new lines and rotation.</param>
/// <param name="log">Where rotations are reported.</param>
public sealed class FileTailer(string path, bool fromStart, FilePosition? saved, TimeSpan pollInterval, Shipping.ShipLog log) : ILineSource
{
    /// <inheritdoc />
    public string Description => path;

    /// <inheritdoc />
    public async Task ReadAsync(Func<SourceLine, ValueTask> onLine, CancellationToken stopping, CancellationToken abort)
    {
        var file = saved is null ? Open() : await ResumeAsync(saved, onLine);
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

    private FollowedFile? Open()
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

        return file;
    }

    /// <summary>The file at the path, positioned after what an earlier run delivered; a file rotated since is finished first.</summary>
    private async Task<FollowedFile?> ResumeAsync(FilePosition position, Func<SourceLine, ValueTask> onLine)
    {
        var file = FollowedFile.TryOpen(path, fromStart: true);
        if (file is not null && file.TryResume(position))
        {
            log.Resuming(path, position.Offset);
            return file;
        }

        if (file?.Identity == position.Identity)
        {
            log.TruncatedWhileStopped(path, position.Offset);
            return file;
        }

        try
        {
            using var rotated = FollowedFile.TryFind(path, position.Identity);
            if (rotated is not null && rotated.TryResume(position))
            {
                log.FinishingRotated(path, position.Identity, position.Offset);
                await rotated.ReadToEndAsync(onLine);
                if (rotated.TakeLastLine() is { } last)
                {
                    await onLine(last);
                }
            }
            else
            {
                log.PositionLost(path, position.Identity, position.Offset);
            }
        }
        catch
        {
            file?.Dispose();
            throw;
        }

        if (file is null)
        {
            log.WaitingForFile(path);
        }

        return file;
    }

    /// <summary>
    /// At the end of the file: the file to read on (the same one, the one that replaced it, or null
    /// while there is none) and whether reading starts over.
    /// </summary>
    private async Task<(FollowedFile? File, bool Changed)> FollowChangeAsync(FollowedFile file, Func<SourceLine, ValueTask> onLine)
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
